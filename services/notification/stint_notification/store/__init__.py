"""All SQL of the notification service (asyncpg, parameterised), returning domain records."""
