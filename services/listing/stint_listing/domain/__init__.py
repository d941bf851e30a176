"""The marketplace rules for listings: plain types and functions, no I/O."""
