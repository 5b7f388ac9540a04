"""Text path: recognise a page dump and take it apart, or read plain article text.

A *page dump* is the visible text of a news page saved as .txt (typically translated state
media): menu residue, a timestamp line, a section label, the headline — which the page repeats
as image captions and alt text, so it occurs two or more times near the top — maybe a lead,
then the body, whose first paragraph opens with a wire dateline ("CITY, Mon. D (AGENCY) –"),
then residue: "Reported by …", "News ID …", tags, comment forms, share bars, related links.

The dump is recognised by evidence, not by one sign: a whole-line timestamp, a headline that
repeats, a dateline in the head, residue markers after the body. Two signs make a dump; fewer
and the text is read as plain article text (``dump_plain``), where nothing is cut, because a
plain article with a dateline or one "Tags:" line must not lose its paragraphs.

Choices the goldens pin down:
- The body keeps its dateline: the first body paragraph is the dateline paragraph as written,
  and ``metadata.dateline.start/end`` are its offsets in the assembled text (0 and the end of
  the separator), so a reader can highlight it and the first sentence is not mutilated.
- ``published`` carries the time when the timestamp line has one; an offset only when the line
  names a zone.
- The lead (a prose line between the headline and the dateline, or between two copies of the
  headline) goes to ``metadata.description``, not the body. With no dateline and no later copy
  of the headline, a lead cannot be told from the first paragraph and stays in the body.
- The title never appears in the body; captions and photo credits go to ``metadata.captions``.

Linear time: every rule sees one line of bounded length, the headline count and dateline search
look at the first ``HEAD_LINES`` lines only, and nothing backtracks across lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from presslens.document import Dateline, Metadata
from presslens.extract.blocks import Block, Extracted
from presslens.extract.dateline import parse_dateline
from presslens.extract.dump_authors import person_names
from presslens.extract.dump_lines import (
    Line,
    classify_units,
    ends_sentence,
    is_headline_like,
    is_title_shaped,
    opens_upper,
    read_lines,
    split_paragraphs,
    title_key,
    word_count,
)
from presslens.extract.dump_plain import extract_plain
from presslens.extract.dump_rules import (
    ARTICLE_ID,
    BYLINE,
    CAPTION_LINES,
    MAX_RULE_LINE_CHARS,
    is_end_marker,
    is_furniture,
    is_hard_end_marker,
    matches_any,
)
from presslens.extract.dump_timestamp import Timestamp, parse_timestamp

__all__ = ["extract_text", "is_page_dump", "looks_like_dump"]

# How far from the top the head (timestamp, label, headline, lead, dateline) may reach; agency
# menus printed as text run to a few dozen lines.
HEAD_LINES = 150
# A prose line: a full sentence of some length. The head holds at most this many (a lead and a
# long caption); the line after them is body, so a poll or widget repeated *inside* an article
# is never taken for the headline, nor a date line inside it for the timestamp.
PROSE_MIN_WORDS = 15
HEAD_PROSE_ALLOWANCE = 2
# A widget marker followed by this many consecutive prose lines is a box inside the article
# (a poll's "Email *" field, a mid-article "Related" box), not the end of it.
PROSE_RUN_AFTER_WIDGET = 2
# Signs needed to call a text a page dump (timestamp, repeated headline, dateline, residue).
MIN_DUMP_SIGNS = 2
# A section label is a few words: "Politics", "World > Middle East", "Interview".
LABEL_MAX_WORDS = 6
LABEL_MAX_CHARS = 50
# Consecutive label-like lines that make a menu rather than one section label.
MENU_RUN = 3
# A lead is a sentence of some length, not a caption.
LEAD_MIN_WORDS = 8
# A copy of the headline may carry the site's name after one of these ("Headline - PNA").
_SITE_SUFFIX_SEPARATORS = (" - ", " | ", " – ", " — ")
SITE_SUFFIX_MAX_WORDS = 5
# Separators of the parts of one head line ("Nov 25, 2026 | Politics",
# "Source: Xinhua| 2026-11-25 17:42:09|Editor: Liu").
_PART_SEPARATOR = re.compile(r"\s*[|·•]\s*")


@dataclass
class _Head:
    """What the head of a dump says, with line indices into the non-empty lines."""

    timestamp: Timestamp | None = None
    timestamp_at: int | None = None
    label_in_timestamp_line: str | None = None
    title: str | None = None
    title_at: list[int] = field(default_factory=list)
    title_evidence: str | None = None
    dateline: Dateline | None = None
    dateline_at: int | None = None
    dateline_offset: int = 0
    body_end: int | None = None
    modified: Timestamp | None = None
    limit: int = 0  # lines before this index are the head


def extract_text(text: str, repeated_lines: Collection[str] | None = None) -> Extracted:
    """Blocks and metadata from a text file: an agency-form dump, a generic dump, or plain text.

    The agency form (timestamp, dateline, repeated headline, residue markers) keeps its rules.
    Any other text goes through the dump line model (``dump_classifier``), which cuts only when
    it finds a real share of furniture, so plain article text stays whole. ``repeated_lines``:
    folded keys of lines that recur across the outlet's other pages, when the caller has them.
    """
    lines = read_lines(text)
    head = _read_head(lines)
    if looks_like_dump(head):
        return _extract_dump(lines, head)
    from presslens.extract.dump_classifier import body_mask

    mask = body_mask(lines, repeated_lines=repeated_lines)
    if all(mask):
        return extract_plain(lines)
    kept: list[Line] = []
    gap = False
    for line, keep in zip(lines, mask, strict=True):
        if not keep:
            gap = True
            continue
        # A dropped run between two kept lines separates paragraphs, as a blank line does.
        kept.append(Line(line.text, line.blank_before or (gap and bool(kept))))
        gap = False
    result = extract_plain(kept)
    result.metadata.evidence["body"] = (
        f"generic text dump: {len(lines) - len(kept)} of {len(lines)} lines dropped "
        "as page furniture by the dump line model"
    )
    return result


def is_page_dump(text: str) -> bool:
    """Whether ``text`` reads as a page dump (what ``extract_text`` decides first)."""
    return looks_like_dump(_read_head(read_lines(text)))


def looks_like_dump(head: _Head) -> bool:
    """Two independent signs of a page dump, so plain articles are never cut by dump rules."""
    signs = (
        head.timestamp is not None,
        len(head.title_at) >= 2,
        head.dateline is not None,
        head.body_end is not None,
    )
    return sum(signs) >= MIN_DUMP_SIGNS


# -- the head -------------------------------------------------------------------------------


def _read_head(lines: list[Line]) -> _Head:
    head = _Head()
    head.limit = _head_limit(lines)
    window = lines[: head.limit]
    for i, line in enumerate(window):
        found = _timestamp_of(line.text)
        if found is None:
            continue
        stamp, label = found
        if stamp.updated:
            head.modified = head.modified or stamp
            continue
        head.timestamp, head.label_in_timestamp_line, head.timestamp_at = stamp, label, i
        break
    _find_repeated_title(window, head)
    _find_dateline(lines, head, len(window))
    start = head.dateline_at if head.dateline_at is not None else 0
    head.body_end = _trailing_end(lines, start + 1)
    return head


def _is_prose(text: str) -> bool:
    return word_count(text) >= PROSE_MIN_WORDS and ends_sentence(text)


def _head_limit(lines: list[Line]) -> int:
    """The head ends at the first prose line past the allowance (and at ``HEAD_LINES``)."""
    seen = 0
    for i, line in enumerate(lines[:HEAD_LINES]):
        if _is_prose(line.text):
            seen += 1
            if seen > HEAD_PROSE_ALLOWANCE:
                return i + 1  # that line may still be the dateline paragraph
    return min(len(lines), HEAD_LINES)


def _trailing_end(lines: list[Line], start: int) -> int | None:
    """The first hard end marker after ``start``, or widget marker no article prose follows."""
    # run_after[i]: a run of PROSE_RUN_AFTER_WIDGET consecutive prose lines starts at or after i.
    run_after = [False] * (len(lines) + 1)
    run = 0
    for i in range(len(lines) - 1, start - 1, -1):
        text = lines[i].text
        if is_furniture(text):
            run_after[i] = run_after[i + 1]
            continue
        run = run + 1 if _is_prose(text) else 0
        run_after[i] = run_after[i + 1] or run >= PROSE_RUN_AFTER_WIDGET
    for i in range(start, len(lines)):
        text = lines[i].text
        if is_hard_end_marker(text) or (is_end_marker(text) and not run_after[i + 1]):
            return i
    return None


def _timestamp_of(text: str) -> tuple[Timestamp, str | None] | None:
    """The timestamp of a head line, whole or as one part, and a label beside it if any."""
    whole = parse_timestamp(text)
    if whole is not None:
        return whole, None
    if len(text) > MAX_RULE_LINE_CHARS:
        return None
    parts = [p.strip() for p in _PART_SEPARATOR.split(text) if p.strip()]
    if len(parts) < 2:
        return None
    for i, part in enumerate(parts):
        # "Politics | Nov 25, 2026 | 17:42": the date and its time may sit in two parts.
        if i + 1 < len(parts):
            joined = parse_timestamp(f"{part} {parts[i + 1]}")
            if joined is not None and joined.has_time:
                return joined, _first_label(parts[:i] + parts[i + 2 :])
        stamp = parse_timestamp(part)
        if stamp is not None:
            return stamp, _first_label(parts[:i] + parts[i + 1 :])
    return None


def _first_label(parts: list[str]) -> str | None:
    """A section label among the other parts; "Source: Xinhua" and "Editor: Liu" are fields."""
    return next((p for p in parts if _is_label(p) and ":" not in p), None)


def _is_headline_candidate(text: str) -> bool:
    return (
        is_headline_like(text)
        and not is_end_marker(text)
        and not is_furniture(text)
        and not matches_any(text, CAPTION_LINES)
        and parse_timestamp(text) is None
    )


def _copy_keys(text: str) -> set[str]:
    """Keys under which a line counts as a copy of a headline: as written, and without a
    trailing site name ("Headline - Pelorian News Agency", "Headline | PNA") as alt texts and
    page titles add one."""
    keys = {title_key(text)}
    for sep in _SITE_SUFFIX_SEPARATORS:
        stem, found, suffix = text.rpartition(sep)
        if found and stem and word_count(suffix) <= SITE_SUFFIX_MAX_WORDS:
            keys.add(title_key(stem))
    return keys


def _find_repeated_title(window: list[Line], head: _Head) -> None:
    """The headline is the line the page repeats (captions, alt text) near the top."""
    line_keys = [_copy_keys(line.text) for line in window]
    counts = Counter(key for keys in line_keys for key in keys)
    positions: dict[str, list[int]] = {}
    for i, keys in enumerate(line_keys):
        for key in keys:
            if counts[key] >= 2:
                positions.setdefault(key, []).append(i)
    # A key qualifies when one of its copies is the bare headline, shaped like one.
    bare = {
        key: i
        for key, at in positions.items()
        for i in at
        if title_key(window[i].text) == key and _is_headline_candidate(window[i].text)
    }
    if not bare:
        return
    after = head.timestamp_at if head.timestamp_at is not None else -1
    # Prefer a repeated line after the timestamp, then the earliest one.
    key = min(bare, key=lambda k: (positions[k][0] < after, positions[k][0]))
    at = positions[key]
    head.title = window[bare[key]].text
    head.title_at = at
    head.title_evidence = f"text dump: line repeated {len(at)}× near the top (line {at[0] + 1})"


def _find_dateline(lines: list[Line], head: _Head, limit: int) -> None:
    """The first head line after the headline that opens with a wire dateline."""
    start = head.title_at[0] + 1 if head.title_at else 0
    for i in range(start, min(len(lines), limit)):
        found = parse_dateline(lines[i].text)
        if found is None:
            continue
        dateline, offset = found
        if offset == len(lines[i].text) and i + 1 < len(lines):
            # The dateline stands on its own line: the sentence is the next line.
            lines[i] = Line(f"{lines[i].text} {lines[i + 1].text}", lines[i].blank_before)
            del lines[i + 1]
            offset += 1
        head.dateline, head.dateline_at, head.dateline_offset = dateline, i, offset
        return


# -- the dump -------------------------------------------------------------------------------


def _extract_dump(lines: list[Line], head: _Head) -> Extracted:
    evidence: dict[str, str] = {}
    title, title_at = _title(lines, head, evidence)
    body_start = _body_start(lines, head, title_at)
    body_end = head.body_end if head.body_end is not None else len(lines)
    if body_end <= body_start:
        body_end = _trailing_end(lines, body_start + 1) or len(lines)
    tkey = title_key(title) if title else None
    captions: list[str] = []
    runs: list[list[str]] = []
    for i in range(body_start, body_end):
        text = lines[i].text
        if i != head.dateline_at:
            if is_furniture(text) or (tkey is not None and tkey in _copy_keys(text)):
                continue
            if matches_any(text, CAPTION_LINES):
                captions.append(text)
                continue
        if not runs or lines[i].blank_before:
            runs.append([])
        runs[-1].append(text)
    # Paragraph boundaries as in plain text: one line each, unless a run is hard-wrapped.
    texts = [p for run in runs for p in split_paragraphs(run)]
    texts, trimmed = _trim_tail(texts, keep_first=head.dateline_at == body_start)
    blocks = classify_units(texts)

    authors = _authors(lines, body_start, body_end, trimmed, evidence)
    metadata = Metadata(
        title=title,
        published=head.timestamp.iso if head.timestamp else None,
        modified=head.modified.iso if head.modified else None,
        dateline=_placed_dateline(head, blocks, evidence),
        section=_section(lines, head, title_at, evidence),
        article_id=_article_id(lines, evidence),
        authors=authors,
        subheadings=[b.text for b in blocks if b.kind == "subheading"],
        captions=captions + _head_captions(lines, title_at, body_start),
        description=_lead(lines, head, title_at, body_start, evidence),
        evidence=evidence,
    )
    if head.timestamp:
        evidence["published"] = f"text dump: timestamp line {head.timestamp.text!r}"
    if head.modified:
        evidence["modified"] = f"text dump: update line {head.modified.text!r}"
    return Extracted(blocks, metadata)


def _title(lines: list[Line], head: _Head, evidence: dict[str, str]) -> tuple[str | None, int]:
    """The repeated line; else the first headline-like line after the timestamp; else the
    nearest one above the timestamp (pages that print the time under the headline)."""
    if head.title is not None:
        assert head.title_evidence is not None
        evidence["title"] = head.title_evidence
        return head.title, head.title_at[0]
    ts = head.timestamp_at
    stop = head.dateline_at if head.dateline_at is not None else head.limit
    after = range(ts + 1 if ts is not None else 0, stop)
    before = range(ts - 1, -1, -1) if ts is not None else range(0)
    for where, indices in (("after the timestamp", after), ("above the timestamp", before)):
        for i in indices:
            text = lines[i].text
            if _is_headline_candidate(text) and is_title_shaped(text):
                evidence["title"] = f"text dump: first headline-like line {where} (line {i + 1})"
                return text, i
    return None, -1


def _body_start(lines: list[Line], head: _Head, title_at: int) -> int:
    """The dateline's line; without one, the line after the last copy of the headline."""
    if head.dateline_at is not None:
        return head.dateline_at
    if head.title_at:
        last = head.title_at[-1]
    elif title_at >= 0:
        last = title_at
    else:
        last = head.timestamp_at if head.timestamp_at is not None else -1
    start = last + 1
    # A lead between two copies of the headline was skipped with them; head furniture and
    # captions right after the headline are skipped here.
    while start < len(lines) and (
        is_furniture(lines[start].text) or matches_any(lines[start].text, CAPTION_LINES)
    ):
        start += 1
    return min(start, len(lines))


def _trim_tail(texts: list[str], *, keep_first: bool) -> tuple[list[str], list[str]]:
    """Drop trailing lines that do not end a sentence: related headlines, bylines, codes.

    A body's last paragraph ends with punctuation; what follows it without punctuation and
    without a marker is residue the rules did not name (a list of other stories' headlines).
    """
    end = len(texts)
    floor = 1 if keep_first else 0
    while end > floor and not ends_sentence(texts[end - 1]):
        end -= 1
    if end == floor:
        return texts, []  # nothing ends a sentence: keep it all rather than return nothing
    return texts[:end], texts[end:]


def _placed_dateline(head: _Head, blocks: list[Block], evidence: dict[str, str]) -> Dateline | None:
    """The dateline with its offsets in the assembled text (the first block is its line)."""
    if head.dateline is None:
        return None
    d = head.dateline
    if not blocks or blocks[0].kind != "paragraph":
        return d
    first = blocks[0].text
    end = len(first[: head.dateline_offset].rstrip())
    evidence["dateline"] = "text dump: opening of the first body paragraph"
    return Dateline(place=d.place, date=d.date, agency=d.agency, start=0, end=end)


def _is_label(text: str) -> bool:
    return (
        0 < word_count(text) <= LABEL_MAX_WORDS
        and len(text) <= LABEL_MAX_CHARS
        and not ends_sentence(text)
        and not text.rstrip().endswith((",", ";"))
        and opens_upper(text)
        and not is_furniture(text)
        and not is_end_marker(text)
        and parse_timestamp(text) is None
        and BYLINE.fullmatch(text) is None
    )


def _section(lines: list[Line], head: _Head, title_at: int, evidence: dict[str, str]) -> str | None:
    """The label beside the timestamp, else the label line just before the headline."""
    if head.label_in_timestamp_line:
        evidence["section"] = "text dump: label on the timestamp line"
        return head.label_in_timestamp_line
    ts = head.timestamp_at
    candidates: list[tuple[int, str]] = []
    if ts is not None:
        candidates += [(ts + 1, "after the timestamp"), (ts - 1, "before the timestamp")]
    if title_at > 0:
        candidates.append((title_at - 1, "before the headline"))
    for i, where in candidates:
        if not 0 <= i < len(lines) or i in (title_at, ts) or not _is_label(lines[i].text):
            continue
        if _in_menu(lines, i):
            continue
        evidence["section"] = f"text dump: label line {where}"
        return lines[i].text
    return None


def _in_menu(lines: list[Line], i: int) -> bool:
    """A label among several consecutive labels is a menu item, not the section."""
    lo = i
    while lo > 0 and _is_label(lines[lo - 1].text):
        lo -= 1
    hi = i
    while hi + 1 < len(lines) and _is_label(lines[hi + 1].text):
        hi += 1
    return hi - lo + 1 >= MENU_RUN


def _lead(
    lines: list[Line], head: _Head, title_at: int, body_start: int, evidence: dict[str, str]
) -> str | None:
    """A prose line between the headline and the body (or between headline copies)."""
    if title_at < 0:
        return None
    tkey = title_key(lines[title_at].text)
    for i in range(title_at + 1, body_start):
        text = lines[i].text
        if (
            word_count(text) >= LEAD_MIN_WORDS
            and ends_sentence(text)
            and title_key(text) != tkey
            and not matches_any(text, CAPTION_LINES)
            and not is_furniture(text)
        ):
            evidence["description"] = (
                f"text dump: lead line between headline and body (line {i + 1})"
            )
            return text
    return None


def _head_captions(lines: list[Line], title_at: int, body_start: int) -> list[str]:
    return [
        lines[i].text
        for i in range(max(title_at + 1, 0), body_start)
        if matches_any(lines[i].text, CAPTION_LINES)
    ]


def _article_id(lines: list[Line], evidence: dict[str, str]) -> str | None:
    for line in lines:
        if len(line.text) > MAX_RULE_LINE_CHARS:
            continue
        m = ARTICLE_ID.fullmatch(line.text.strip().rstrip("."))
        if m:
            evidence["article_id"] = f"text dump: {line.text!r}"
            return m.group(1)
    return None


def _authors(
    lines: list[Line], body_start: int, body_end: int, trimmed: list[str], evidence: dict[str, str]
) -> list[str]:
    """People named by a byline in the head, the trimmed tail or the residue."""
    candidates = [line.text for line in lines[:body_start]] + trimmed
    candidates += [line.text for line in lines[body_end:]]
    for text in candidates:
        if len(text) > MAX_RULE_LINE_CHARS:
            continue
        m = BYLINE.fullmatch(text.strip())
        if m is None:
            continue
        names = person_names(m.group(1))
        if names:
            evidence["authors"] = f"text dump: byline {text!r}"
            return names
    return []
