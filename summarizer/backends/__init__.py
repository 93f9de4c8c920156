"""One module per backend, imported only when chosen."""
