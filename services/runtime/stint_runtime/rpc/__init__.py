"""gRPC: the server with health and reflection, clients with deadlines, the
interceptors that carry identity and traces, and domain errors as status codes."""
