"""Analytics: lands every event of every topic, exactly once per event id, in a
columnar store (DuckDB), and draws the marketplace report from it."""
