"""The rules of notifying: which message each event means for whom, which channels a
person's preferences choose, when reminders and digests are due, how webhooks are
signed and where they may go. Plain types and functions, no I/O, tested directly."""
