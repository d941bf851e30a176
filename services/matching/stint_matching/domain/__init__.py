"""The matching rules as plain types and functions, no I/O: names as the marketplace
compares them, profiles and their validation, the scoring formula with its
explanations, the exploration slot, and the in-memory index that scores many at once."""
