"""Check-worthy claims: scoring (model.py), claim typing (types.py), contradictions.

The scorer is a fine-tuned MiniLM sentence classifier run by onnxruntime (int8), offline and
without torch. Nothing heavy is imported here: ``presslens --help`` imports the CLI module of
this package, and onnxruntime must load only when a sentence is actually scored.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CheckworthyScorer", "load_scorer"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from presslens.layers.claims import model

        return getattr(model, name)
    raise AttributeError(name)
