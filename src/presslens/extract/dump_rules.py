"""The text-dump rules as named data: which lines end the article, which are page furniture.

A text dump is the visible text of a news page saved as .txt: menus, a timestamp, a section
label, the headline (repeated as image captions), the body, then comment forms, tags, share
buttons and related links. The dump path (``textdump.py``) decides *where* things are; this
module only says *what* a line is. Every rule matches a whole line (``fullmatch``) of at most
``MAX_RULE_LINE_CHARS`` characters, so no body paragraph can match by containing a phrase, and
no rule can take more than linear time on a huge line.

Each rule carries a comment saying why it exists; add a rule, not a special case in code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "ARTICLE_ID",
    "BYLINE",
    "CAPTION_LINES",
    "END_MARKERS",
    "FURNITURE_LINES",
    "WIDGET_MARKERS",
    "MAX_RULE_LINE_CHARS",
    "NOT_A_PERSON",
    "is_end_marker",
    "is_furniture",
    "is_hard_end_marker",
    "matches_any",
]

# Residue lines are short; a longer line is prose and never matched by a rule.
MAX_RULE_LINE_CHARS = 160

_F = re.IGNORECASE

# Social networks and link buttons as share bars print them.
_NETWORKS = (
    r"telegram|twitter|x|facebook|whatsapp|linkedin|instagram|reddit|viber|vk|pinterest|"
    r"e-?mail|messenger|threads|bluesky|link"
)
# A person-like name: no sentence punctuation except the dot of an initial ("M. Rahimi").
_NAMEISH = r"(?:[^\s.!?]|\b\w\.)(?:[^.!?]|\b\w\.){0,60}"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _F)


# Lines after which nothing belongs to the article: the body ends at the first one, whatever
# follows (comment threads after "Your Comment" are prose too, and are not the article).
END_MARKERS: tuple[re.Pattern[str], ...] = (
    # Agency article numbers printed under the story ("News ID: 1234567", "News Code 98765").
    _rx(r"(?:news|story|article|post)\s*(?:id|code|no\.?|number)\s*[:#.]?\s*[\w-]{1,20}"),
    # Trailing bylines of translated agency copy ("Reported by Leyla Farrokh", "Written by …").
    # The name part has no sentence punctuation (initials aside), so "Reported by state media,
    # the clashes killed three people." stays a body paragraph.
    _rx(r"(?:reported|written|edited|translated|compiled|prepared)\s+by\s*:?\s*" + _NAMEISH),
    # Tag blocks: a "Tags" / "Keywords" heading alone or followed by the list on one line.
    # A colon is required before an inline list, so "Topics on the table include …" survives.
    _rx(r"(?:tags?|keywords?|topics?)\s*(?:[:：].{0,150})?"),
    # Comment forms and threads: nothing after them is the article.
    _rx(r"(?:your|leave\s+a|post\s+a|add\s+a|write\s+a|post\s+your|add\s+your)\s+comments?.{0,40}"),
    _rx(r"you\s+are\s+replying\s+to.{0,150}"),
    _rx(r".{0,60}\bcaptcha\b.{0,60}"),
    # Copyright and rights footers.
    _rx(r"(?:©|\(c\)|copyright\b).{0,150}|.{0,100}all\s+rights\s+reserved.{0,100}"),
)

# Lines that end the article only when no article prose follows them: pages also put these
# boxes *inside* the body (a "Related" box between paragraphs, a poll with an "Email *" field).
WIDGET_MARKERS: tuple[re.Pattern[str], ...] = (
    # A comments header or counter (a thread may also be announced above the article).
    _rx(r"comments?\s*(?:\(\d+\)|:)?|\d+\s+comments?|no\s+comments?(?:\s+yet)?\.?"),
    # Related-story lists and recommendation widgets.
    _rx(
        r"(?:related|more|other|latest|top|most\s+(?:viewed|visited|read|popular|shared))"
        r"\s+(?:news|stories|articles|posts|content|links|headlines|from\s+.{1,40})\s*:?"
    ),
    _rx(r"most\s+(?:viewed|visited|read|popular|shared)|you\s+(?:may|might)\s+also\s+like.{0,10}"),
    _rx(r"(?:see|read)\s+also\s*:?|also\s+read\s*:?|recommended(?:\s+for\s+you)?\s*:?"),
    # Form buttons and required fields ("Send", "Name *", "Your email") of comment and poll forms.
    _rx(r"send|submit|your\s+(?:name|e-?mail)\s*\*?|(?:name|e-?mail)\s*\*"),
)

# Lines dropped wherever they appear (top, middle or end) without ending the article:
# share bars, print and font-size buttons, social network names, reading-time badges.
FURNITURE_LINES: tuple[re.Pattern[str], ...] = (
    # Share/print/save bars, alone or with the network names on the same line.
    _rx(
        r"(?:share(?:\s+(?:this|it|on|via|the\s+news))?|print(?:\s+this)?|save|bookmark|"
        r"copy\s+link|short\s*link|email\s+this|download(?:\s+pdf)?|listen(?:\s+to\s+this)?)"
        r"(?:\s*[:|/,·•]?\s*(?:on\s+|via\s+)?(?:" + _NETWORKS + r"))*"
    ),
    # Social networks on their own line (share icons rendered as text).
    _rx(r"(?:" + _NETWORKS + r")(?:\s*[|/,·•]?\s*(?:" + _NETWORKS + r"))*"),
    # Font-size and view controls ("A+ A-", "Font size", "Text size").
    _rx(r"(?:a\s*[+\-−]\s*){1,3}|(?:font|text)\s+size.{0,20}"),
    # Reading-time and view-count badges ("3 min read", "1,204 views").
    _rx(r"\d{1,3}\s*(?:min(?:ute)?s?)\s+read|[\d,.]+\s*(?:views?|visits?|reads?)"),
    # Inline "read more" links between paragraphs: the linked headline is another story.
    _rx(r"(?:read\s+more|also\s+read|read\s+also|see\s+also)\s*[:>»\-–—].{0,150}"),
    # Breadcrumb/home links and "back to top".
    _rx(r"home|back\s+to\s+top|top|menu|search|close|next|previous|prev|more"),
    # Agency wire codes some sites append to the last paragraph's line ("AB/4123", "/end/").
    _rx(r"[A-Z]{1,4}/\d{2,7}(?:/\w{1,6})?|/?\s*end\s*/?|\*{3}|#{3}|ends?"),
)

# Image captions and credits in the head (never the body, never the title).
CAPTION_LINES: tuple[re.Pattern[str], ...] = (
    # Credit lines under photos ("Photo: PNA", "File photo", "Image by …", "(Photo: …)").
    _rx(r"\(?(?:file\s+)?(?:photo|image|picture|pic|credit|photo\s+credit)s?\b\s*(?:by|:).{0,150}"),
    _rx(r"\(?file\s+photo\)?\.?"),
)

# The article number wherever it stands ("News ID: 1234567"); group 1 is the id.
ARTICLE_ID = _rx(r"(?:news|story|article|post)\s*(?:id|code|no\.?|number)\s*[:#.]?\s*([\w-]{1,20})")

# A byline line: "By …", "Reported by …", "Interview by …"; group 1 is the name part.
BYLINE = _rx(
    r"(?:by|(?:reported|written|interview(?:ed)?|compiled|prepared)\s+by)\s*:?\s*(\S.{0,80}?)\.?"
)

# Words that show a byline names an organisation or a role, not a person.
NOT_A_PERSON = frozenset(
    """staff staffer staffers writer writers reporter reporters correspondent correspondents
    editor editors editorial desk team bureau newsroom agency news press media service online
    international network channel tv radio times post daily herald agencies wire wires admin
    administrator guest contributor contributors""".split()
)


def matches_any(line: str, rules: Sequence[re.Pattern[str]]) -> bool:
    """True when a short line matches one of ``rules`` in full (long lines never do)."""
    if len(line) > MAX_RULE_LINE_CHARS:
        return False
    text = line.strip().rstrip(":").strip()
    return any(rule.fullmatch(text) for rule in rules)


def is_end_marker(line: str) -> bool:
    """A line that ends the article, or may (a widget marker): never body text."""
    return matches_any(line, END_MARKERS) or matches_any(line, WIDGET_MARKERS)


def is_hard_end_marker(line: str) -> bool:
    """A line after which nothing is the article, whatever follows it."""
    return matches_any(line, END_MARKERS)


def is_furniture(line: str) -> bool:
    return matches_any(line, FURNITURE_LINES)
