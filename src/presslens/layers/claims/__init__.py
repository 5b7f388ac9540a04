"""Check-worthy claims: scoring (model.py), claim typing (types.py), contradictions.

The scorer is a small linear model over hashed TF-IDF n-grams, regex hand features and static
sentence embeddings, so it runs offline at thousands of sentences per second with no torch.
Nothing heavy is imported here: ``presslens --help`` imports the CLI module of this package,
and scikit-learn/scipy must load only when a sentence is actually scored.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ClaimScorer", "load_scorer"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from presslens.layers.claims import model

        return getattr(model, name)
    raise AttributeError(name)
