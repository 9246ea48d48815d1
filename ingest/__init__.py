"""Readers, archive walking, hashing, quarantine and store writes."""
