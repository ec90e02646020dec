"""Plumbing no app owns: strict fields, errors and their shape, pagination, HTMX, OpenAPI."""
