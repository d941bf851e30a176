"""All SQL, on the DuckDB file: opening it while another process may hold it, the
tables (raw envelopes and one typed table per event type), landing, reading."""
