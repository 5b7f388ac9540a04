"""Which documents the multilingual paragraph model labels.

Why a rule apart from the component: the English span model is better on English (it was
trained on 2020 spans and is scored on them) and its output must not change, so by default the
paragraph model runs on the five other SemEval-2023 languages only; English is an opt-in
(``[layers.techniques] multilingual_en = true``) for a 23-label paragraph view of English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The SemEval-2023 languages besides English, as ISO 639-1 codes (the bundle's ge/po = de/pl).
PARAGRAPH_MODEL_LANGUAGES: tuple[str, ...] = ("fr", "de", "it", "pl", "ru")


def uses_paragraph_model(language: str | None, options: Mapping[str, Any]) -> bool:
    """True when the multilingual paragraph model should label a page in ``language``.

    Options: ``multilingual`` (default true) switches the model off entirely;
    ``multilingual_en`` (default false) adds English pages.
    """
    if not options.get("multilingual", True):
        return False
    if language in PARAGRAPH_MODEL_LANGUAGES:
        return True
    return language == "en" and bool(options.get("multilingual_en", False))
