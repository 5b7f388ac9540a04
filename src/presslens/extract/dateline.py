"""Wire datelines: ``TEHRAN, Jan. 3 (MNA) –`` at the start of a paragraph → place/date/agency.

Shared by the HTML path and the text-dump path, so both read datelines the same way. The parser
must never fire on an ordinary sentence ("However, the minister said —", "In Tehran, officials
–"), because the caller removes nothing but trusts the split point as the start of the first
body sentence. So a candidate is accepted only with real evidence of a dateline: a date, an
agency in brackets, or an all-capitals place; a bare title-case place ("Geneva - The …") is
accepted only before a dash and a capitalised sentence, and never when its first word is a
function word, a title or a label (``_NOT_A_PLACE``).

What is stored (``Dateline``):
- ``place``: as written, with its region when the dateline names one ("KYIV, Ukraine",
  "WASHINGTON, D.C."), because the region is part of how the agency located the story.
- ``date``: as written ("Jan. 3", "4 May", "Jan. 03"), without a year, because datelines
  usually carry none and guessing one here would invent facts; ``resolve_date`` turns it into
  ISO when the caller knows the publication date.
- ``agency``: the text inside the brackets ("MNA", "Reuters"), or None.
- ``start``/``end``: left None here; the caller knows where the paragraph lands in the text.

Linear time: the regex only ever sees the first ``_MAX_DATELINE_CHARS`` characters and its
repetitions are bounded, so a 5 MB paragraph costs the same as a short one.
"""

from __future__ import annotations

import re
from datetime import date

from presslens.document import Dateline
from presslens.vocab import alternation
from presslens.vocab.months import MONTHS
from presslens.vocab.weekdays import WEEKDAY_NAMES

__all__ = ["MONTHS", "parse_dateline", "resolve_date"]

# A dateline is short; looking further only invites false matches (and costs time).
_MAX_DATELINE_CHARS = 160

# Spaces a dateline may use: plain, no-break, narrow no-break (French/Persian typography),
# thin and figure spaces. Kept in the text; only the parser treats them as spaces.
_SP = r"[ \t\u00a0\u202f\u2009\u2007]"

# Month names and the abbreviations wire styles use (AP: "Jan.", "Sept."; others "Sep", "Sept").
_MONTH = "(?:" + alternation(list(MONTHS)) + r")\.?"
_WEEKDAY = "(?:" + "|".join(d.capitalize() for d in WEEKDAY_NAMES) + ")"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = rf"(?:,?{_SP}*\d{{4}})"

# The date forms datelines use: "Jan. 3", "March 5, 2026", "4 May", "25 November 2026",
# "Monday", "2026-11-25". A year is optional; the month must be a real month name.
_DATE = (
    rf"(?:{_MONTH}{_SP}*{_DAY}{_YEAR}?(?![\w])"
    rf"|{_DAY}{_SP}+{_MONTH}{_YEAR}?(?![\w])"
    rf"|{_WEEKDAY}"
    r"|\d{4}-\d{2}-\d{2})"
)

# One word of a place name: letters first, then letters, dots, apostrophes, hyphens
# ("ST. PETERSBURG", "N'DJAMENA", "AL-QUDS", "D.C.").
_WORD = r"[^\W\d_][\w.'’\-]*"
_PLACE = rf"{_WORD}(?:{_SP}+{_WORD}){{0,4}}"

# Agency names inside brackets: "MNA", "Reuters", "Xinhua", "dpa", "Anadolu Agency", "AP/PNA".
_AGENCY = rf"[^\W\d_][\w.&'’/\-]*(?:{_SP}+[\w.&'’/\-]+){{0,4}}"

# Separators between the dateline and the sentence: dashes of every width, a doubled hyphen
# (typewriter em dash), a single hyphen, or a colon ("London, 4 May: ").
_SEP = r"(?P<sep>--|[\u2012\u2013\u2014\u2015\u2212]|-|:)"

_DATELINE = re.compile(
    rf"(?:(?P<place>{_PLACE})"
    rf"(?:,{_SP}*(?P<region>{_PLACE}))??"
    rf"(?:,{_SP}*(?P<date>{_DATE}))?"
    rf"{_SP}*(?:\((?P<agency>{_AGENCY})\))?"
    rf"|(?P<date_only>{_DATE}){_SP}*(?:\((?P<date_agency>{_AGENCY})\))?"
    rf"|\((?P<agency_only>{_AGENCY})\))"
    rf"{_SP}*{_SEP}(?P<after>{_SP}*)",
    re.IGNORECASE,
)

# First words that show a sentence, not a place: function words, titles, labels and calendar
# words. "In Tehran, officials –" and "However – the" start with these.
_NOT_A_PLACE = (
    frozenset(
        """a an the in on at to of for from by with without into onto over under about after before
    and or but nor so yet however meanwhile moreover furthermore also still then now thus hence
    today yesterday tomorrow tonight this that these those it its he she they we i you his her
    their our my your there here when while where if as although though because since unless
    according amid despite during following no not yes all some many most several every each
    mr mrs ms dr prof sir madam president prime minister spokesman spokeswoman officials
    note update updated breaking exclusive editorial opinion analysis comment watch video photo
    photos picture live read see more related source sources reporting reported written
    q question answer interview summary
    press release statement announcement correction clarification advisory alert urgent flash
    bulletin notice headline headlines""".split()
    )
    | frozenset(WEEKDAY_NAMES)
    | frozenset(MONTHS)
)

# TASS writes the agency between slashes after the date: "MOSCOW, November 25. /TASS/. Text".
_SLASH_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}),{_SP}*(?P<date>{_DATE})\.?{_SP}*/(?P<agency>{_AGENCY})/\.?"
    rf"(?P<after>{_SP}*)",
    re.IGNORECASE,
)

# Agencies that write their name after a comma instead of in brackets ("Tehran, IRNA – …").
# Only names on this list are read that way: after a comma an unknown capitalised word is a
# region ("KYIV, Ukraine –"), and two capitals may be a state ("BELLEVUE, WA –").
COMMA_AGENCIES = frozenset(
    "irna mna isna iqna ilna tasnim fars mehr tass ria xinhua wafa sana kuna spa wam qna bna ona"
    " mena aps nna petra anadolu yonhap kyodo bernama antara ians pti ani".split()
)

# Lower-case words allowed inside a place or region ("Rio de Janeiro", "Frankfurt am Main",
# "Bosnia and Herzegovina", "Stratford-upon-Avon" is one word already).
_PARTICLES = frozenset(
    "de del della da di do dos das du des la le les el al am an and on upon of"
    " van von der den ter y e i".split()
)

# Lower-case agency names that appear in brackets (dpa writes itself in lower case).
_LOWERCASE_AGENCIES = frozenset({"dpa", "afp", "apa", "ansa", "efe"})

# Wire services that write a bracketed name with no place ("(Reuters) - …"). Without a place,
# only these or an all-capitals acronym count, so "(Laughs) — Yes" stays a sentence.
_PLACELESS_AGENCIES = frozenset({"reuters", "xinhua", "bloomberg", "sputnik", "interfax", "dpa"})

# How far into the rest to look for a lower-case letter, the sign of a sentence.
_SENTENCE_PROBE_CHARS = 40

# A bare title-case place is weak evidence; these bounds keep it to the AFP-style "Geneva - ".
_MAX_BARE_PLACE_WORDS = 2
_BARE_PLACE_SEPARATORS = frozenset({"-", "\u2013"})

_UPPER_START = re.compile(r"[\"“‘'«(\[]*[^\W\d_]")


def parse_dateline(paragraph: str) -> tuple[Dateline, int] | None:
    """The leading wire dateline of ``paragraph`` and the offset where its sentence starts.

    Returns None when the paragraph does not open with a dateline. The offset points past the
    separator and the spaces after it, so ``paragraph[offset:]`` is the first body sentence;
    ``paragraph[:offset].rstrip()`` is the dateline as written.
    """
    head = paragraph[:_MAX_DATELINE_CHARS]
    slashed = _parse_slash_dateline(paragraph, head)
    if slashed is not None:
        return slashed
    match = _DATELINE.match(head)
    if match is None:
        return None
    place = match.group("place")
    region = match.group("region")
    date_text = match.group("date") or match.group("date_only")
    agency = match.group("agency") or match.group("date_agency") or match.group("agency_only")
    sep = match.group("sep")
    rest = paragraph[match.end() :]
    if agency is None and region is not None and region.strip().lower() in COMMA_AGENCIES:
        agency, region = region, None

    if agency is not None and not _valid_agency(agency):
        return None
    if place is not None:
        if not _valid_place(place) or (region is not None and not _valid_place(region)):
            return None
    if not _valid_separator(match, sep):
        return None

    if (
        place is None
        and date_text is None
        and not (_is_all_caps(agency) or agency.strip().lower() in _PLACELESS_AGENCIES)
    ):
        return None
    if place is None and sep == ":":
        return None  # "Monday: …", "(AP): …" open lists and labels, not stories
    caps_place = place is not None and _is_all_caps(place)
    # A multi-word bracket after a title-case place with no date is as likely an expansion
    # ("Hamas (Islamic Resistance Movement) —") as an agency: not evidence enough.
    agency_counts = agency is not None and (
        caps_place or date_text is not None or len(agency.split()) == 1
    )
    if agency is not None and not agency_counts:
        return None
    strong = date_text is not None or agency_counts
    if sep == ":" and not strong:
        return None  # "Note: …", "Tehran: …" — a colon alone is a label, not a dateline
    if not strong and not caps_place:
        # Bare title-case place ("Geneva - The WHO said"): one or two words, no region, a
        # spaced hyphen or en dash (the em dash is English prose's parenthetical dash), and a
        # capitalised sentence after it.
        if (
            region is not None
            or len(re.split(_SP + "+", place)) > _MAX_BARE_PLACE_WORDS
            or sep not in _BARE_PLACE_SEPARATORS
            or not _spaced_separator(match, both=True)
            or not _starts_sentence(rest)
        ):
            return None
    if rest[:1].islower():
        return None  # a dateline is followed by a sentence, which never starts in lower case
    if not strong and rest and not any(ch.islower() for ch in rest[:_SENTENCE_PROBE_CHARS]):
        return None  # "FLOOD WARNING – ALL ROADS CLOSED" is a heading, not a dateline

    dateline = Dateline(
        place=_join_place(place, region),
        date=date_text,
        agency=agency.strip() if agency else None,
    )
    return dateline, match.end()


def _parse_slash_dateline(paragraph: str, head: str) -> tuple[Dateline, int] | None:
    """TASS's form: ``MOSCOW, November 25. /TASS/.`` followed by the sentence."""
    match = _SLASH_DATELINE.match(head)
    if match is None or not _valid_place(match.group("place")):
        return None
    if not _valid_agency(match.group("agency")) or not _starts_sentence(paragraph[match.end() :]):
        return None
    dateline = Dateline(
        place=match.group("place"), date=match.group("date"), agency=match.group("agency")
    )
    return dateline, match.end()


def resolve_date(date_text: str, published: str | None) -> str | None:
    """ISO date for a dateline's ``date`` ("Jan. 3") using the year of ``published``.

    A dateline written in the days just before New Year can belong to the previous year of a
    publication date in January (and vice versa), so the year whose date lies nearest to the
    publication date wins. Returns None when the date has no month and day or no year is known.
    """
    text = re.sub(_SP, " ", date_text).strip()
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return text
    m = re.fullmatch(rf"({_MONTH}) *({_DAY}){_YEAR}?|({_DAY}) +({_MONTH}){_YEAR}?", text, re.I)
    if m is None:
        return None
    month_word, day_word = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    month = MONTHS[month_word.rstrip(".").lower()]
    day = int(re.match(r"\d+", day_word).group(0))  # type: ignore[union-attr]
    year_m = re.search(r"(\d{4})$", text)
    candidates: list[date] = []
    if year_m:
        years = [int(year_m.group(1))]
    elif published and re.match(r"\d{4}-\d{2}-\d{2}", published):
        ref = date.fromisoformat(published[:10])
        years = [ref.year - 1, ref.year, ref.year + 1]
    else:
        return None
    for year in years:
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if year_m or not published:
        return candidates[0].isoformat()
    ref = date.fromisoformat(published[:10])
    return min(candidates, key=lambda d: abs((d - ref).days)).isoformat()


# -- validation -------------------------------------------------------------------------------


def _valid_place(place: str) -> bool:
    """Every word capitalised (or a particle), and the first word no sentence opener."""
    words = re.split(_SP + "+", place.strip())
    if words[0].strip(".'’-").lower() in _NOT_A_PLACE:
        return False
    if not words[0][0].isupper():
        return False
    for word in words[1:]:
        if word[0].isupper() or word.lower() in _PARTICLES:
            continue
        return False
    # A lone letter ("A", "I") is a sentence opener, not a place.
    return sum(ch.isalpha() for ch in place) >= 2


def _valid_agency(agency: str) -> bool:
    """Bracketed text that names an agency: capitalised, or a known lower-case agency."""
    text = agency.strip()
    if text.lower() in _LOWERCASE_AGENCIES:
        return True
    words = re.split(_SP + "+", text)
    if words[0].lower() in _NOT_A_PLACE:
        return False
    return all(w[0].isupper() or w.lower() in _PARTICLES or w[0] in "&/-" for w in words)


def _valid_separator(match: re.Match[str], sep: str) -> bool:
    """A single hyphen needs a space on one side, so "Abu-Dhabi" is never split at its hyphen."""
    return sep != "-" or _spaced_separator(match, both=False)


def _spaced_separator(match: re.Match[str], *, both: bool) -> bool:
    """Whether the separator has a space before it and/or after it."""
    start = match.start("sep")
    before = start > 0 and re.match(_SP, match.string[start - 1]) is not None
    after = bool(match.group("after"))
    return (before and after) if both else (before or after)


def _is_all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _starts_sentence(rest: str) -> bool:
    m = _UPPER_START.match(rest)
    return m is not None and m.group(0)[-1].isupper()


def _join_place(place: str | None, region: str | None) -> str | None:
    if place is None:
        return None
    return f"{place}, {region}" if region else place
