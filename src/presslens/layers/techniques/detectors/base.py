"""What a named detector is: a technique label, the languages it reads, and its phrases.

Why regular expressions over word lists: the state-media techniques the issue names are
formulaic ("the Kessel regime and its Western curators", "thanks to the wise leadership of"),
the same formula recurs across outlets and translations, and a named rule can be read,
measured on gold and switched off one by one — which a fine-tuned encoder cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Characters stripped from the ends of a match, as PTC v2 trims its gold spans.
_TRIM = ' \n\t.,:;"“”«»'
# Quotation marks that, wrapped tightly around a match, make it a *mention* of the label
# ("America is the “Great Satan”", as a US outlet reports an Iranian speech) rather than its
# use: PTC annotators do not mark scare-quoted epithets ("Great Satan": 0 of 8 hits in PTC and
# SemEval-2023 en, all quoted; skipping them takes epithet.bloc from 4/14 to 4/6).
# A pattern that starts with this regex comment, e.g. "(?#clause:120)", has its span extended
# back to the start of its clause (at most that many characters) after matching. Why not a
# leading "[^.;!?\n]{0,120}" in the regex: that is tried at every position of the text, which
# made a 200 KB page without punctuation take seconds per rule.
_CLAUSE_BACK = re.compile(r"^\(\?#clause:(\d+)\)")
_CLAUSE_END = ".;!?\n"
_OPEN_QUOTES = "\"“«‘'"
_CLOSE_QUOTES = "\"”»’'"


@dataclass(frozen=True)
class Detector:
    """One named rule: ``patterns[language]`` are regexes whose match (or group ``span``) is
    the technique span. ``why`` says what state-media habit it catches (shown in docs)."""

    name: str
    technique: str
    why: str
    patterns: dict[str, tuple[str, ...]]
    flags: int = re.IGNORECASE
    # Skip a match wrapped tightly in quotation marks (a label mentioned, not used).
    skip_quoted: bool = False
    _compiled: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.patterns)

    def compiled(self, language: str) -> tuple[tuple[re.Pattern[str], int], ...]:
        """(regex, characters to extend back to the clause start) per pattern."""
        if language not in self._compiled:
            pats = []
            for p in self.patterns.get(language, ()):
                back = _CLAUSE_BACK.match(p)
                pats.append((re.compile(p, self.flags), int(back.group(1)) if back else 0))
            self._compiled[language] = tuple(pats)
        return self._compiled[language]

    def find(self, text: str, language: str) -> list[tuple[int, int]]:
        """(start, end) of every match in ``text``, trimmed; overlapping matches merged."""
        found: list[tuple[int, int]] = []
        for pat, back in self.compiled(language):
            for m in pat.finditer(text):
                grp = "span" if "span" in pat.groupindex and m.group("span") else 0
                s, e = m.span(grp)
                if back:
                    s = _clause_start(text, s, back)
                while s < e and text[s] in _TRIM:
                    s += 1
                while e > s and text[e - 1] in _TRIM:
                    e -= 1
                if e > s and not (self.skip_quoted and _quoted(text, s, e)):
                    found.append((s, e))
        found.sort()
        merged: list[tuple[int, int]] = []
        for s, e in found:
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        return merged


def _clause_start(text: str, start: int, back: int) -> int:
    """The start of the clause holding ``start``, at most ``back`` characters before it."""
    lo = max(0, start - back)
    cut = max(text.rfind(c, lo, start) for c in _CLAUSE_END)
    return cut + 1 if cut >= 0 else lo


def _quoted(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is enclosed by quotation marks (ignoring a leading "the "
    and a full stop or comma before the closing mark, as US style puts it)."""
    before = text[max(0, start - 5) : start].lower().removesuffix("the ").rstrip()
    after = text[end : end + 2].lstrip(".,!?")
    return bool(before) and before[-1] in _OPEN_QUOTES and after[:1] in _CLOSE_QUOTES


def words(*alternatives: str) -> str:
    """A non-capturing alternation of phrases, longest first so the regex prefers them."""
    return "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"
