"""Reads. Public ones see published reviews, completed work and issued credentials
only; an institution sees only the students linked to it."""
