"""The importer: files -> validated rows -> one all-or-nothing transaction."""
