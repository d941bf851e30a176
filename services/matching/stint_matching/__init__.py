"""The matching service: student profiles, and explained matches between students and
open listings, for both sides and from the same numbers that produce the score.

Every reason a student or an employer reads is one term of the published formula
(docs/matching.md), and every page of recommendations shows the student at least one
good project in an industry they have not tried yet.
"""
