"""Accounts: their table (``store``), registration with the employer's organization,
password hashing and sign-in throttling."""
