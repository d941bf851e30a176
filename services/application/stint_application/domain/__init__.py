"""The marketplace rules of applications and engagements: plain types and functions,
no I/O, tested directly."""
