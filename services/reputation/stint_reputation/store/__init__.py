"""All SQL of the reputation service (asyncpg, parameterised), returning domain records."""
