"""Changes, each inside one transaction: telling people (a notification, and its
e-mail, digest entry and webhook delivery recorded with it), reading, choosing
preferences, and the senders and sweeps that settle what was recorded."""
