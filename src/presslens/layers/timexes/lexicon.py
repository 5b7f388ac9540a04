"""Words the timex grammar knows, as named data (one comment each on why it is there)."""

from __future__ import annotations

from presslens.vocab.months import MONTH_NAMES
from presslens.vocab.months import MONTHS as ALL_MONTHS
from presslens.vocab.weekdays import WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES

# Month names and the abbreviations wire copy uses ("Jan.", "Sept."). Abbreviations are only
# accepted next to a day or year digit (see _timex_rules), because "Jan" and "Mar" are also names.
MONTHS: dict[str, int] = dict(ALL_MONTHS)
FULL_MONTHS = list(MONTH_NAMES)

WEEKDAYS: dict[str, int] = {
    **{name: i for i, name in enumerate(WEEKDAY_NAMES, 1)},
    **{
        short: next(i for i, name in enumerate(WEEKDAY_NAMES, 1) if name.startswith(short))
        for short in WEEKDAY_ABBREVIATIONS
    },
}  # ISO numbering, Monday = 1
FULL_WEEKDAYS = [w for w in WEEKDAYS if w.endswith("day")]

# TIMEX3 part-of-day suffixes ("Thursday morning" → 2025-01-16TMO).
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

# TIMEX3 season codes ("the summer of 2022" → 2022-SU).
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
# Last month of each season (northern hemisphere): "last summer" is the most recent summer
# that has ended by the publication date.
SEASON_END_MONTH: dict[str, int] = {"SP": 5, "SU": 8, "FA": 11, "WI": 2}

# Duration units → (ISO designator, needs the "T" time prefix, multiplier). Decades and
# centuries have no ISO designator of their own, so they become years ("two decades" → P20Y).
DURATION_UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1),
    "minute": ("M", True, 1),
    "hour": ("H", True, 1),
    "day": ("D", False, 1),
    "week": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "year": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
}

# Adverbs that are sets by themselves.
SET_ADVERBS: dict[str, str] = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "fortnightly": "P2W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
}

# Frequency words before "a day/week": "twice a day" → set P1D with qualifier "2X".
FREQUENCY_WORDS: dict[str, int] = {"once": 1, "twice": 2, "thrice": 3}

# Qualifiers kept when they narrow a period without changing its ISO value.
PERIOD_QUALIFIERS: dict[str, str] = {
    "early": "early",
    "mid": "mid",
    "late": "late",
    "the end of": "end",
    "the beginning of": "start",
    "the start of": "start",
    "the middle of": "mid",
}

# Prepositions that make a bare season a time ("by spring", "in summer"); without one, "fall"
# and "spring" are far more often verbs or nouns of another sense.
SEASON_PREPOSITIONS = frozenset(
    {"by", "in", "until", "till", "since", "during", "through", "before", "after", "over", "from"}
)

# Words after "daily", "monthly" … that show it is an adjective ("monthly wages"), not a set:
# a set adverb is followed by punctuation or one of these function words.
SET_ADVERB_FOLLOWERS = frozenset(
    {
        "at",
        "in",
        "on",
        "for",
        "and",
        "or",
        "to",
        "from",
        "until",
        "since",
        "with",
        "by",
        "during",
        "the",
        "a",
        "an",
        "but",
        "as",
        "between",
        "after",
        "before",
        "basis",
        # a verb right after means the adverb closed a subject ("people who walk daily may …")
        "may",
        "might",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "than",
        "so",
        "instead",
        "now",
    }
)

# Canonical Jalali month names in calendar order (dateparser's spelling).
JALALI_CANONICAL = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
]

# Jalali (Solar Hijri) months, the spellings Iranian English-language media use.
JALALI_MONTHS: dict[str, int] = {
    "farvardin": 1,
    "ordibehesht": 2,
    "khordad": 3,
    "tir": 4,
    "mordad": 5,
    "amordad": 5,
    "shahrivar": 6,
    "mehr": 7,
    "aban": 8,
    "azar": 9,
    "dey": 10,
    "day": 10,
    "bahman": 11,
    "esfand": 12,
}
# Hijri (lunar) months with their common transliterations.
HIJRI_MONTHS: dict[str, int] = {
    "muharram": 1,
    "safar": 2,
    "rabi al-awwal": 3,
    "rabi' al-awwal": 3,
    "rabi ul-awwal": 3,
    "rabi al-thani": 4,
    "rabi' al-thani": 4,
    "rabi al-akhir": 4,
    "jumada al-ula": 5,
    "jumada al-awwal": 5,
    "jumada al-akhirah": 6,
    "jumada al-thani": 6,
    "rajab": 7,
    "shaban": 8,
    "sha'ban": 8,
    "ramadan": 9,
    "ramadhan": 9,
    "ramazan": 9,
    "shawwal": 10,
    "dhu al-qadah": 11,
    "dhul-qadah": 11,
    "dhu al-qa'dah": 11,
    "dhu al-hijjah": 12,
    "dhul-hijjah": 12,
}

# Words near a timex that say whether the sentence talks about the future. "would" counts:
# in reported speech ("classes would resume on Monday") it is the future of a past statement.
FUTURE_MARKERS = frozenset(
    {
        "will",
        "'ll",
        "shall",
        "would",
        "going",
        "due",
        "plans",
        "plan",
        "planned",
        "scheduled",
        "expected",
        "expects",
        "upcoming",
        "next",
        "until",
        "till",
        "intends",
        "aims",
        "takes",
        "begins",
        "comes",
        "opens",
        "resume",
        "resumes",
        "tomorrow",
        "coming",
        "effective",
    }
)
# Past-time markers; any word ending in "-ed" also counts (most English past tenses).
PAST_MARKERS = frozenset(
    {
        "was",
        "were",
        "had",
        "did",
        "ago",
        "last",
        "yesterday",
        "said",
        "told",
        "began",
        "came",
        "went",
        "took",
        "fell",
        "rose",
        "grew",
        "met",
        "left",
        "held",
        "won",
        "lost",
        "made",
        "saw",
        "gave",
        "got",
        "struck",
        "hit",
        "shot",
        "led",
        "ran",
        "spoke",
        "wrote",
        "since",
        "earlier",
        "previous",
        "former",
        "stood",
        "sent",
        "brought",
        "fought",
        "built",
        "paid",
        # irregular simple past forms (regular ones end in -ed and are caught by that rule)
        "sank",
        "sang",
        "broke",
        "bought",
        "caught",
        "chose",
        "drew",
        "drove",
        "ate",
        "felt",
        "found",
        "flew",
        "forgot",
        "froze",
        "hung",
        "heard",
        "hid",
        "kept",
        "knew",
        "laid",
        "lent",
        "lay",
        "lit",
        "meant",
        "rang",
        "sought",
        "sold",
        "shook",
        "sat",
        "slept",
        "spent",
        "stole",
        "swore",
        "swam",
        "taught",
        "tore",
        "thought",
        "threw",
        "understood",
        "woke",
        "wore",
        "became",
        "blew",
        "bled",
        "bit",
        "dealt",
        "dug",
        "fed",
        "fled",
        "forgave",
        "knelt",
        "leapt",
        "overcame",
        "rode",
        "sprang",
        "stuck",
        "stung",
        "swept",
        "swung",
        "wept",
        "withdrew",
        "arose",
        "awoke",
        "beat",
        "bore",
        "clung",
        "crept",
        "forbade",
        "slid",
        "spun",
        "strode",
        "undertook",
        "upheld",
        "overthrew",
        "shrank",
        "stank",
    }
)
