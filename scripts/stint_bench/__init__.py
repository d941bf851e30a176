"""What the benchmarks share: load generators (wrk when installed, else a minimal
asyncio HTTP/1.1 client) and profiles of running processes (py-spy)."""
