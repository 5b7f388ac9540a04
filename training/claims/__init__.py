"""Reproducible training of the check-worthiness model (``make train-claims``)."""
