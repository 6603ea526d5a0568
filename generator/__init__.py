"""Replika: YAML practice records → a searchable MkDocs site, PDFs and open data."""

__version__ = "0.1.0"
