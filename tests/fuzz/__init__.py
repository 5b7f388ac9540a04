"""Fuzzing read → extract → analyze (issue 16 §3): seeds, mutators, and the property checked."""
