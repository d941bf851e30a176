"""The application service: from a student's application to a completed engagement.

Every application ends with a decision and a reason the student can read: the owner
decides, the listing closes it, or its decision deadline passes.
"""
