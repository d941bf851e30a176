"""The public API's request and reply bodies, one module per API section."""
