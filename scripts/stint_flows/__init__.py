"""A bounded, seeded marketplace workload driven through the public API, and the
invariants that must hold after it whatever died meanwhile (the fault suite, the
chaos script)."""
