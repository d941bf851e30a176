"""The reputation rules as plain types and functions, without I/O: who reviews what
and when reviews publish, the score and its breakdown, credentials and status lists
as documents, institutions' domains and credit."""
