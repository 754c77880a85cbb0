"""Figures, components and page layouts. Knows nothing of the database."""
