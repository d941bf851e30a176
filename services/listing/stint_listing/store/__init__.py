"""All SQL of the listing service (asyncpg, parameterised); it returns domain types."""
