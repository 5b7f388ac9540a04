"""Author names: split bylines into people and reject what is not a person.

Why strict: a wrong author is worse than none for a fact-checker (it attributes words to a
person who did not write them). Pages put outlet names, "Staff", relative times ("2 hours
ago"), contact links ("Email the author"), e-mail addresses and profile URLs where a name
belongs; each rejection below is one of those patterns.
"""

from __future__ import annotations

import re
import unicodedata

from presslens.vocab import alternation
from presslens.vocab.months import MONTH_ABBREVIATIONS, MONTH_PREFIXES
from presslens.vocab.weekdays import WEEKDAY_NAMES

# Leading words of a byline, not part of a name: "By", "Analysis by", "Written by", "Von",
# "Sobre" (pt, on author boxes), "Author:".
_BYLINE_PREFIX = re.compile(
    r"^\s*(?:[^\W\d_]+\s+)?(?:by|from|von|par|por|di|door|av|af)\s*[:\-]?\s+"
    r"|^\s*(?:author|authors|byline|autor|autora|auteur|sobre|about|text|texto|текст|автор)"
    r"\s*[:\-]?\s+",
    re.IGNORECASE,
)
# Dates glued to a name by the page layout ("Jeff FoustMonday", "Carrie Arnold November 15,
# 2019"). Month names only before a day number: "Theresa May" and "June Carter" are names.
_TRAILING_DATE_WORD = re.compile(
    rf"(?:(?<=[a-z])|\s+)(?:{'|'.join(WEEKDAY_NAMES)})\b.*$"
    rf"|\s+(?:{alternation(list(dict.fromkeys([*MONTH_PREFIXES, *MONTH_ABBREVIATIONS])))})[a-z]*\.?\s+\d.*$",
    re.IGNORECASE,
)
# A conjunction left at the start of a name after splitting on commas ("A, B, and C").
_LEADING_CONJUNCTION = re.compile(r"^(?:and|und|et|y|e)\s+(?=[A-ZÀ-ÝА-Я])")
# Job titles and desk labels trailing a name ("Jane Doe, Staff Writer", "Jane Doe | Reporter").
_ROLE_SUFFIX = re.compile(
    r"\s*(?:[,|/–—-]|\bis\b)\s*(?:(?:senior|chief|deputy|associated?|contributing|staff"
    r"|special|political|foreign|science|business|sports?|health|tech(?:nology)?)\s+)*"
    r"(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|producer"
    r"|analyst|photographer|critic)\b.*$",
    re.IGNORECASE,
)
# Separators between several names in one byline. One-letter conjunctions (es "y", pt/it
# "e") only between spaces and before a capital, so initials ("Sarah E. Needleman") survive;
# a full stop ends a name when a new capitalised name follows ("Jane Doe. Outlet Name").
_SPLIT = re.compile(
    r"\s*(?:,|;|&|\|)\s*|\s+(?:and|und|et|y|e)\s+(?=[A-ZÀ-ÝА-Я])"
    r"|(?<=[a-z]{2})\.\s+(?=[A-Z][a-z]+\s)",
)

# Not people: desks, generic labels, agencies written as authors. Whole names, case-folded.
NOT_A_PERSON = frozenset(
    {
        "staff", "staff writer", "staff reporter", "staff writers", "editor", "editors",
        "editorial", "editorial board", "the editorial board", "admin", "administrator",
        "webmaster", "web desk", "news desk", "newsdesk", "desk", "newsroom", "team", "our team",
        "reporter", "reporters", "writer", "correspondent", "correspondents", "columnist",
        "agencies", "agency", "wire", "wires", "news agencies", "associated press",
        "the associated press", "ap", "reuters", "afp", "upi", "dpa", "ansa", "efe", "xinhua",
        "tass", "bloomberg", "guest", "contributor", "contributors", "anonymous", "unknown",
        "author", "authors", "press release", "sponsored", "partner content",
        # newsroom desks in other languages
        "redacción", "redação", "redazione", "redaktion", "rédaction", "редакция", "гость",
    }
)  # fmt: skip
# Words that make any name a label ("Daily Planet Staff", "AP Sports Writer", "CNN Business",
# "Detroit News wire services"): desks, roles and the words outlets put in their names.
NOT_A_PERSON_WORDS = frozenset(
    """staff admin newsroom desk team editors editorial reporters agencies wire wires press
    sponsored advertisement opinion writer reporter correspondent editor columnist
    contributor producer news media magazine network bureau services international online
    business daily weekly tv radio television sport sports agency ministry ministries
    department government""".split()
)

# Relative times and contact/link labels that bylines carry.
_NOISE = re.compile(
    r"\b\d+\s*(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\b"
    r"|\b(?:just now|yesterday|today|updated|published|posted on|last modified)\b"
    r"|\b(?:email|e-mail|contact|follow|view (?:all )?(?:posts|articles)|more (?:from|by)"
    r"|see all|twitter|facebook|instagram|linkedin|commented|replied|says|wrote)\b"
    r"|@|https?:|www\.|\.(?:com|org|net)\b"
    # form labels and markup left in the text ("Name *", "Nama (wajib)")
    r"|[*()\[\]{}<>=#:?]",
    re.IGNORECASE,
)
_HAS_DIGIT = re.compile(r"\d")
# A name has at most this many words; longer strings are sentences or bios.
MAX_NAME_WORDS = 5
MIN_NAME_LETTERS = 3


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def clean_name(raw: str) -> str:
    """Strip byline prefixes, role suffixes and stray punctuation from one name."""
    name = " ".join(raw.split())
    name = _BYLINE_PREFIX.sub("", name)
    name = _ROLE_SUFFIX.sub("", name)
    name = _TRAILING_DATE_WORD.sub("", name)
    name = _LEADING_CONJUNCTION.sub("", name)
    return name.strip(" \t,;:|-–—·•\"'“”‘’()[]")


def is_person(name: str, outlets: tuple[str, ...] = ()) -> bool:
    """True when ``name`` can be a person's name (see the module docstring for the rules)."""
    if not name or _NOISE.search(name) or _HAS_DIGIT.search(name):
        return False
    words = name.split()
    letters = sum(c.isalpha() for c in name)
    if len(words) > MAX_NAME_WORDS or letters < MIN_NAME_LETTERS:
        return False
    folded = _fold(name)
    if folded in NOT_A_PERSON or any(w in NOT_A_PERSON_WORDS for w in folded.split()):
        return False
    for outlet in outlets:
        key = _fold(outlet)
        if key and (folded == key or (len(key) >= 4 and key in folded)):
            return False
    # A single lower-case word is a handle or a label ("admin", "newsbot"), and a single
    # all-capitals word an acronym ("PTI", "RDN"), not a name.
    if len(words) == 1 and (name.islower() or name.isupper()):
        return False
    return True


def split_authors(raw: str) -> list[str]:
    """Names in one byline string ("By A, B and C" → [A, B, C]), before validation."""
    text = _ROLE_SUFFIX.sub("", _BYLINE_PREFIX.sub("", " ".join(raw.split())))
    return [n for part in _SPLIT.split(text) if (n := clean_name(part))]


def validate_authors(
    candidates: list[str], outlets: tuple[str, ...] = (), *, min_words: int = 1
) -> list[str]:
    """Split, clean and keep only plausible person names, in order, without duplicates.

    ``min_words`` = 2 is for loosely found candidates, where a single word is as likely a place
    or a section label as a name.
    """
    out: list[str] = []
    seen: set[str] = set()
    for raw in candidates:
        for name in split_authors(raw):
            key = _fold(name)
            if key not in seen and len(name.split()) >= min_words and is_person(name, outlets):
                seen.add(key)
                out.append(name)
    return out
