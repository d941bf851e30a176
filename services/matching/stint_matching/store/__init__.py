"""All SQL of the matching service (asyncpg, parameterised); returns domain types."""
