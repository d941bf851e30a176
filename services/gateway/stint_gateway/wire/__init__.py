"""The public JSON ⇄ the services' protobuf messages, one module per API section."""
