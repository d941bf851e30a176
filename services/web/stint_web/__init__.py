"""Stint's web app for students, employers and institutions: server-rendered pages over
the gateway's public REST API, and nothing else (no database, no gRPC, no state of its
own beyond the encrypted session cookie)."""
