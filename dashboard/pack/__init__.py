"""The committee pack (PDF) and the Excel export: layouts for data/pack_content.py's data."""
