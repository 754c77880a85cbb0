"""Measures: pure functions from data frames and filters to results. No Dash here."""
