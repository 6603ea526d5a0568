"""The pipeline stages: load → validate → model → render (see ARCHITECTURE.md)."""
