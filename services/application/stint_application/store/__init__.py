"""All SQL of the application service (asyncpg, parameterised); returns domain types."""
