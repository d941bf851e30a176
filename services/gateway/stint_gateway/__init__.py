"""The Stint gateway: the public REST API (FastAPI) in front of the services."""
