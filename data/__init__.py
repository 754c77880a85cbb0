"""The ground floor: settings, database, importer, demo data and measures. Knows nothing of Dash."""
