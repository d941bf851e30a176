"""The notification service: every decision, closure and expiry reaches the person it
concerns, on the channels they chose (in-app with a live stream, e-mail, signed
webhooks), with the reason, once.
"""
