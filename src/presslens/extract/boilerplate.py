"""PressLens's news rules: remove from body blocks what generic extractors keep on news pages.

Each rule is named data with a comment saying why it exists, and applies to whole blocks only
(never cuts inside a paragraph), so a rule can cost at most the block it matches. Patterns are
anchored at the start of a block and most carry a length cap: "Read more: <headline>" is a
teaser, while a 60-word paragraph that happens to start with "Read more" is prose.

Rules are grouped by the kind of residue:

* ``RESIDUE_RULES`` — one-block patterns (read-more teasers, share bars, newsletter and
  subscription pitches, cookie notices, comment-section headers, photo credits);
* ``drop_title_repeats`` — the headline (and standfirst) repeated as the first blocks;
* ``drop_duplicates`` — the same paragraph twice (sticky teasers, pull quotes that repeat prose);
* ``drop_captions`` — blocks that are image captions: they belong in ``metadata.captions``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from presslens.extract.blocks import Block


@dataclass(frozen=True)
class Rule:
    """A block is residue when ``pattern`` matches it and it is at most ``max_len`` long.

    ``needs``: lower-case words of which the block must contain one before the pattern is
    tried at all; set on the rules whose patterns search the whole block, where it saves most
    of the cost on ordinary prose.
    """

    name: str
    pattern: re.Pattern[str]
    max_len: int
    needs: tuple[str, ...] = ()


def _rule(name: str, pattern: str, max_len: int = 200, needs: tuple[str, ...] = ()) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), max_len, needs)


RESIDUE_RULES: tuple[Rule, ...] = (
    # Links to other stories placed inside the article: "Read more: …", "Related: …",
    # "SEE MORE: …", "Also on example.com …". The colon (or "also on") marks a teaser, not prose.
    _rule(
        "read-more teaser",
        r"^\[?\s*(read more|read also|related( stories| articles| coverage| post| content)?"
        r"|see more|see also|more( on this| from| stories)?|also read|also see"
        r"|recommended|watch|listen|must read|trending|top stories"
        # (a colon, pipe, arrow or bracket; not a dash: "More — much more — was at stake")
        r"|further reading)\b\s*[:|»›>\]]"
        # "Also on example.com <headline>", "DON'T MISS <headlines>": no colon, but the words
        # only ever introduce links.
        r"|^also on [\w-]+\.[a-z]{2,}\b|^don[’']t miss\b",
        300,
    ),
    # Headings of teaser boxes with nothing after them.
    _rule(
        "teaser box heading",
        r"^(you (may|might) also like|related (stories|articles|content|posts|links|coverage)"
        r"|more (stories|news|articles|from \w+)|most (read|popular|viewed|shared)( in [\w ]+)?"
        r"|recommended( for you| stories| reading)?|don[’']t miss|trending( now| stories)?"
        r"|read (more|next)|what to read next|editor[’']s picks|in other news|more:?"
        r"|popular (stories|now|on \w+)|latest (news|stories|videos))\s*[.:!…]*$",
        80,
    ),
    # Comment sections: headers and counters ("Comments", "12 comments", "Leave a reply").
    _rule(
        "comment section",
        r"^(\d+\s+)?(comments?|responses?|replies)\s*(\(\d+\))?\s*:?$"
        r"|^(leave|post|add|write) a (comment|reply|response)"
        r"|^(show|view|load|read|see) (all |more )?\d*\s*comments"
        r"|^(comments are|commenting is) (closed|disabled)|^join the (conversation|discussion)"
        r"|^tell us what you think|^what do you think\?$|^you (must|need to) (be )?(logged|log|sign)"
        r"|^be the first to comment|^your comment|^you are replying to",
        120,
    ),
    # Share bars and social follow lines.
    _rule(
        "share bar",
        r"^(share|share this( story| article| post)?|share on \w+|tweet|email|print|pin it)"
        r"(\s*[|/·•,]\s*(share|tweet|email|print|facebook|twitter|linkedin|whatsapp|reddit"
        r"|pinterest|copy link))*\s*[:!]?$"
        r"|^(like this (story|article)\?|enjoyed this (story|article)\?)"
        r"|^follow (us|him|her|them|the [\w ]+|@?\w+) on (facebook|twitter|instagram|x\b|linkedin"
        r"|youtube|tiktok)",
        200,
    ),
    # Newsletter and subscription pitches.
    _rule(
        "newsletter or subscription pitch",
        r"^(sign up|subscribe|get (the|our) [\w ’']{0,40}newsletter|get the latest [\w ’']{0,60}"
        r"(inbox|email)|already a (subscriber|member)|become a (subscriber|member)"
        r"|support (our|independent) journalism|to continue reading|this (article|content) is"
        r" (for|available to) (subscribers|members)|subscribers only|register (now|for free)"
        r"|want more [\w ]{0,30}\? sign up|start your (free )?trial"
        r"|if you enjoyed this article)\b"
        # A short block that pitches a newsletter anywhere in it.
        r"|\b(sign up|subscribe|subscribing)\b.{0,80}\bnewsletters?\b"
        r"|\bnewsletters?\b.{0,80}\b(sign up|subscribe|inbox)\b",
        300,
        needs=(
            "sign up",
            "subscri",
            "newsletter",
            "already a",
            "become a",
            "support",
            "to continue",
            "this article",
            "this content",
            "register",
            "want more",
            "trial",
            "if you enjoyed",
            "get the latest",
        ),
    ),
    # Cookie and consent notices (when the page did not hide them in a banner element).
    _rule(
        "cookie notice",
        r"^(this (web)?site uses cookies|we use cookies|by (continuing|using) (to )?(browse|use)"
        r"|we and our partners (use|store)|accept (all )?cookies|cookie (policy|settings))",
        400,
    ),
    # Photo credits kept as their own block ("Photo: Jane Doe/Agency", "(Image credit: NASA)",
    # "© Reuters"). Not "Graphic:"/"Video:": wire copy links its graphics inline as prose.
    _rule(
        "photo credit",
        r"^[(\[]?\s*(photo|image|picture|foto)( credit)?\s*(:|by\b)|^\(?(image|photo) credit"
        r"|^credit:",
        120,
    ),
    _rule("copyright line", r"^(©|\(c\)|copyright)\s*(\d{4}\s*)?[\w .&-]{2,60}$", 80),
    # How to reach the reporter, at the end of a story: an e-mail address or a social handle
    # in a short block ("Email Jane at jane@example.com or follow her @jane").
    _rule(
        "contact line",
        r"^(have a (news )?tip\b|reach the (reporter|writer|author)s?\b|contact (the )?"
        r"(reporter|writer|author)\b|e-?mail [\w .'-]{2,40} at\b)"
        # (the address is found from its "@", which keeps the search linear)
        r"|(?<=[\w.+-])@[\w-]+\.\w{2,}|(?<!\S)@\w{2,}\b.*\b(twitter|instagram|facebook)\b",
        250,
        needs=("@", "tip", "reach the", "contact", "mail"),
    ),
    # A block that is only a link, a handle or an e-mail address.
    _rule(
        "bare link",
        r"^(https?://|www\.)\S+$|^(twitter|facebook|instagram)\.com/\S+$|^[\w.+-]+@[\w-]+\.[\w.]+$",
        300,
    ),
    # Links to more coverage on the outlet's site ("Follow AP's coverage at https://…",
    # "More AP NBA: https://…").
    _rule("coverage link", r"^(follow|more|read|see|find)\b.{0,80}\bhttps?://", 250),
    # Production credits under wire copy ("Reporting by A; Editing by B", "C contributed to
    # this report"): they name contributors, they are not the story.
    _rule(
        "credit line",
        r"^\(?(additional )?(reporting|writing|editing|research) by\b"
        r"|\b(contributed|contributing) (reporting|to this (report|story|article))\b"
        r"|^(compiled|edited) by\b",
        300,
        needs=("by", "contribut"),
    ),
    # A bare timestamp or "Updated …" line left at the top of the body.
    _rule(
        "timestamp line",
        r"^(updated|published|posted|last updated|first published)\b[^.]{0,40}\d"
        r"|^\d{1,2}:\d{2}\s*(am|pm|a\.m\.|p\.m\.)?\s*\w{0,4}\s*\d{1,2}/\d{1,2}/\d{2,4}",
        80,
    ),
    # Tag and category lists under the story.
    # (the label alone, or followed by a colon or pipe: "Topics discussed at the summit…" is prose)
    _rule(
        "tag list",
        r"^(tags?|filed under|categories|category|topics?|keywords)\s*([:|]|$)",
        300,
    ),
    _rule(
        "reading time",
        r"^(\d+\s*(min(ute)?s?|mins?)\.? read|reading time|read time|tempo de leitura"
        r"|temps de lecture|lesezeit)\b",
        60,
    ),
    # Source line closing a rewritten wire story ("SOURCE: Al Jazeera and news agencies").
    _rule("source line", r"^source\s*:\s*[\w .,&'-]+$", 80),
    # Reprint notices that syndication and paywalled sites put above or below the article.
    _rule(
        "reprint notice",
        r"^this (copy|article|material) is for your personal,? non-?commercial use"
        r"|^to order (presentation-ready )?(reprints|copies)\b|^for reprints\b"
        r"|^distributed by [\w .&-]{2,60}$",
        300,
    ),
    # "Advertisement" / "Story continues below" placeholders.
    _rule(
        "ad placeholder",
        r"^(advertisement|advertising|sponsored( content)?|ad|story continues below"
        r"( advertisement)?|article continues below( advertisement)?|continue reading below"
        r"|scroll to continue( with content)?)\s*[.:]?$",
        60,
    ),
)


# Longest block any rule looks at: longer blocks are prose and skip the rules entirely.
_MAX_RULE_LEN = max(rule.max_len for rule in RESIDUE_RULES)


def residue_rule(text: str, skip: frozenset[str] = frozenset()) -> str | None:
    """Name of the first residue rule matching the block, or None (rules in ``skip`` are off:
    the ablation in bench/ablation.py switches each one off in turn)."""
    stripped = text.strip()
    if len(stripped) > _MAX_RULE_LEN:
        return None
    lower = stripped.lower()
    for rule in RESIDUE_RULES:
        if rule.name in skip:
            continue
        if len(stripped) > rule.max_len or (rule.needs and not any(w in lower for w in rule.needs)):
            continue
        if rule.pattern.search(stripped):
            return rule.name
    return None


_FOLD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Comparison key: case, punctuation, spacing and compatibility forms ignored."""
    return _FOLD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


# Only the first blocks can be a repeated headline/standfirst; later, a sentence equal to the
# title is a legitimate (if rare) part of the story.
TITLE_REPEAT_WINDOW = 3


def drop_title_repeats(blocks: list[Block], titles: list[str]) -> list[Block]:
    """Remove the headline (or standfirst) when the page repeats it as the first blocks."""
    keys = {fold(t) for t in titles if t and len(fold(t)) >= 8}
    if not keys:
        return blocks
    return [b for i, b in enumerate(blocks) if i >= TITLE_REPEAT_WINDOW or fold(b.text) not in keys]


# A repeated block is residue when it stutters (the same block twice in a row: a lead
# rendered by two templates) or when a long paragraph comes back once (a teaser box quoting the
# story). Short or many-times repeats are structure (interview questions, recipe lines, tweet
# signatures) and stay.
DUPLICATE_MIN_CHARS = 20
DUPLICATE_FAR_MIN_CHARS = 150
DUPLICATE_MAX_REPEATS = 2


def drop_duplicates(blocks: list[Block]) -> list[Block]:
    """Drop stuttered blocks and single far repeats of long paragraphs (see the constants)."""
    keys = [fold(b.text) for b in blocks]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    seen: set[str] = set()
    out: list[Block] = []
    previous = None
    for block, key in zip(blocks, keys, strict=True):
        stutter = key == previous and len(key) >= DUPLICATE_MIN_CHARS
        far_repeat = (
            key in seen
            and len(key) >= DUPLICATE_FAR_MIN_CHARS
            and counts[key] <= DUPLICATE_MAX_REPEATS
        )
        previous = key
        seen.add(key)
        if not (stutter or far_repeat):
            out.append(block)
    return out


def drop_captions(blocks: list[Block], captions: list[str]) -> list[Block]:
    """Remove blocks that are a caption (exactly, or the caption plus its credit)."""
    keys = [k for c in captions if len(k := fold(c)) >= 12]
    if not keys:
        return blocks
    exact = set(keys)
    out = []
    for block in blocks:
        key = fold(block.text)
        if key in exact or any(
            key.startswith(k) and len(key) - len(k) <= 60 for k in keys if len(k) >= 30
        ):
            continue
        out.append(block)
    return out


# A block without a single letter or digit ("___", "* * *"): a separator.
_SEPARATOR = re.compile(r"^[^\w]*$|^_+$")


def drop_residue(blocks: list[Block], skip: frozenset[str] = frozenset()) -> list[Block]:
    """Remove blocks matched by a residue rule, then separators left dangling at either end
    (wire copy puts "___" before the credits the rules just removed). Separators between
    paragraphs stay: they mark a change of topic."""
    kept = [b for b in blocks if residue_rule(b.text, skip) is None]
    while kept and _SEPARATOR.match(kept[-1].text.strip()):
        kept.pop()
    while kept and _SEPARATOR.match(kept[0].text.strip()):
        kept.pop(0)
    return kept


# Names of the block-level steps, beside the residue rules' names: what ``skip`` can switch off.
STEPS = ("title repeat", "caption", "duplicate")


def rule_names() -> list[str]:
    """Every switchable rule: the residue rules, then the block-level steps."""
    return [r.name for r in RESIDUE_RULES] + list(STEPS)


def clean_blocks(
    blocks: list[Block],
    titles: list[str],
    captions: list[str],
    skip: frozenset[str] = frozenset(),
) -> list[Block]:
    """All news rules, in the order that keeps each one simple; names in ``skip`` are off."""
    if "title repeat" not in skip:
        blocks = drop_title_repeats(blocks, titles)
    if "caption" not in skip:
        blocks = drop_captions(blocks, captions)
    blocks = drop_residue(blocks, skip)
    return blocks if "duplicate" in skip else drop_duplicates(blocks)
