"""Check-worthy claims: scoring (model.py), claim typing (types.py), contradictions.

The scorer is a small linear model over hashed TF-IDF n-grams, regex hand features and static
sentence embeddings, so it runs offline at thousands of sentences per second with no torch.
"""

from __future__ import annotations

from presslens.claims.model import ClaimScorer, load_scorer

__all__ = ["ClaimScorer", "load_scorer"]
