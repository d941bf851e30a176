"""Changes to the store, each one DuckDB transaction: preparing the tables, landing a
batch of records, resetting for a rebuild. Blocking calls: the consumers run them in
a worker thread."""
