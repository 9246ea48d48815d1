"""Normalisation, structure, metadata and (later) citations, provisions and checks."""
