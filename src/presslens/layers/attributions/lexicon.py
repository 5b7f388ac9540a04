"""Words that make an attribution, a hedge or a vague source — named data, one reason each."""

from __future__ import annotations

# Verbs (lemmas) that introduce reported content when they govern a clause. Speech acts first,
# then cognition ("believe"), then findings ("found that", "show that" for studies and data).
CUE_VERBS = frozenset(
    {
        # speech acts
        "say",
        "tell",
        "announce",
        "state",
        "add",
        "claim",
        "report",
        "insist",
        "warn",
        "note",
        "explain",
        "confirm",
        "deny",
        "acknowledge",
        "admit",
        "allege",
        "assert",
        "declare",
        "reveal",
        "write",
        "tweet",
        "testify",
        "conclude",
        "complain",
        "recall",
        "reply",
        "respond",
        "argue",
        "contend",
        "maintain",
        "stress",
        "emphasize",
        "emphasise",
        "caution",
        "predict",
        "promise",
        "vow",
        "pledge",
        "concede",
        "observe",
        "remark",
        "indicate",
        "disclose",
        "signal",
        "hint",
        "boast",
        "charge",
        "accuse",
        "urge",
        "assure",
        "reiterate",
        "mention",
        "point",
        "agree",
        "ask",
        "answer",
        "estimate",
        # cognition: reported beliefs are attributions and hedges at once
        "believe",
        "think",
        "suspect",
        "expect",
        "suppose",
        "assume",
        "fear",
        "doubt",
        "reckon",
        "suggest",
        "speculate",
        "hope",
        "feel",
        "worry",
        # findings of studies, courts and data
        "find",
        "show",
        "hear",
        "rule",
        "determine",
        "calculate",
    }
)

# Cue lemmas that hedge by themselves: belief and uncertainty, not assertion.
HEDGE_VERBS = frozenset(
    {
        "believe",
        "think",
        "suspect",
        "expect",
        "suppose",
        "assume",
        "guess",
        "speculate",
        "fear",
        "doubt",
        "reckon",
        "suggest",
        "estimate",
        "appear",
        "seem",
        "feel",
    }
)

# Adverbs that hedge a statement wherever they sit in the attribution.
HEDGE_ADVERBS = frozenset(
    {
        "reportedly",
        "allegedly",
        "apparently",
        "supposedly",
        "purportedly",
        "possibly",
        "probably",
        "perhaps",
        "likely",
        "seemingly",
        "presumably",
        "maybe",
        "arguably",
        "reputedly",
        "ostensibly",
    }
)

# Modal verbs of possibility inside the content ("damage could reach 40 million euros").
HEDGE_MODALS = frozenset({"may", "might", "could"})

# Verbs inside the content that signal appearance rather than fact ("the benefit appears").
HEDGE_CONTENT_VERBS = frozenset({"appear", "seem"})

# Head nouns of sources that name nobody: groups ("officials"), unnamed individuals
# ("a senior official") and anonymous documents ("published statistics", "a study").
VAGUE_HEADS = frozenset(
    {
        "official",
        "source",
        "expert",
        "analyst",
        "observer",
        "resident",
        "witness",
        "diplomat",
        "critic",
        "insider",
        "people",
        "person",
        "someone",
        "colleague",
        "economist",
        "prosecutor",
        "investigator",
        "scientist",
        "researcher",
        "activist",
        "media",
        "report",
        "statistic",
        "statistics",
        "figure",
        "data",
        "study",
        "analysis",
        "survey",
        "document",
        "estimate",
        "commentator",
        "local",
        "villager",
        "citizen",
        "authority",
        "rumour",
        "rumor",
        "specialist",
    }
)

# Heads of document sources: an organisation named in them names the source ("a study by
# the Lindqvist Institute"), unlike a group of people beside one ("economists polled by …").
DOCUMENT_HEADS = frozenset(
    {
        "study",
        "report",
        "analysis",
        "survey",
        "statistic",
        "statistics",
        "figure",
        "data",
        "document",
        "estimate",
        "paper",
        "research",
        "review",
        "audit",
        "poll",
        "record",
        "minute",
        "filing",
    }
)

# Plural nouns that stand for one institution, not for unnamed people: "police said" names
# the force of the place the story is about, "troops" the army of the story.
INSTITUTIONAL_PLURALS = frozenset(
    {
        "police",
        "forces",
        "troops",
        "authorities",
        "courts",
        "ministries",
        "services",
        "headquarters",
        "customs",
    }
)

# Determiners that make a vague head a specific one ("the report of the ministry", "its own
# budget documents") — only for singular heads; "the officials" still names nobody.
DEFINITE_DETERMINERS = frozenset(
    {"the", "this", "that", "its", "his", "her", "their", "our", "my", "your"}
)

# Determiners that make a singular common-noun source an unnamed individual ("a cashier").
INDEFINITE_DETERMINERS = frozenset({"a", "an", "one", "another", "some"})

# Pronouns that may be sources, and which entity labels they can refer back to.
PRONOUN_LABELS: dict[str, tuple[str, ...]] = {
    "he": ("PERSON",),
    "she": ("PERSON",),
    "him": ("PERSON",),
    "her": ("PERSON",),
    "it": ("ORG", "GPE", "NORP"),
    "they": ("ORG", "NORP", "GPE"),
}
FIRST_PERSON = frozenset({"i", "we"})

# Leading words dropped from a source span (the gold convention: no leading article).
SOURCE_DROP_LEADING = frozenset({"the", "a", "an"})

# Quotation mark pairs (typographic first; straight quotes pair with themselves).
QUOTE_PAIRS: dict[str, str] = {"“": "”", '"': '"', "«": "»", "„": "“"}
CLOSING_QUOTES = frozenset({"”", '"', "»", "“"})
