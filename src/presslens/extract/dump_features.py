"""Features of the lines of a text dump: what tells a body line from a menu, footer or form.

A text dump of a web page (what ``w3m -dump``, ``lynx -dump`` or a copy of a browser window
prints) is the body surrounded by the page's furniture: menus, cookie text, share bars, captions,
related links, footers. Each line is described by numbers about itself (length, words, how it
ends, stop words in the page's language, digits/capitals/symbols, list and form marks, link-like
words, furniture vocabulary, repetition), about where it sits (position, distance to the nearest
prose line, inside the span of the page's prose) and about its neighbours (the same numbers
averaged over the lines around it), because a body line is one among body lines and a menu item
one among menu items. ``dump_classifier`` turns these into a keep/drop decision.

Everything is linear in the number of lines; each line is looked at through bounded windows.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence

import numpy as np

from presslens.extract.dump_lines import Line

# Function words per language: a body line is made of them, a menu or a footer hardly.
# (Top function words of each language; short on purpose: they only need to be frequent.)
STOP_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the a an and or but of to in on at for with from by as is are was were be been "
        "it its this that these those he she they we you i his her their our not have has had "
        "will would can could which who what when where there than then also into about after",
        "fr": "le la les un une des et ou mais de du à au aux en dans sur pour par avec que qui "
        "est sont était il elle ils elles nous vous je ce cette ces son sa ses leur pas ne plus",
        "de": "der die das ein eine und oder aber von zu im in auf an für mit aus bei ist sind "
        "war es er sie wir ich nicht auch den dem des sich als wie noch nach dass wird hat",
        "es": "el la los las un una y o pero de del a al en con por para que es son fue se su "
        "sus lo como más no le les ya este esta también entre cuando muy sin sobre",
        "it": "il lo la i gli le un una e o ma di del della a da in con su per che è sono era "
        "si non come più anche questo questa nel nella alla dei delle al",
        "pt": "o a os as um uma e ou mas de do da dos das em no na por para com que é são foi "
        "se não como mais seu sua também ao à pelo pela",
        "nl": "de het een en of maar van te in op aan voor met uit bij is zijn was er hij zij "
        "wij ik niet ook dat die dit als nog naar om",
        "ru": "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы "
        "по только ее мне было вот от меня еще нет о из ему это для",
        "pl": "i w nie na się z do że to jest o jak ale po co tak za od przez jego dla tym",
        "sv": "och i att det som en på är av för med till den har de inte om ett han var",
    }.items()
}
ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())

# Vocabulary of page furniture: consent, sharing, accounts, navigation, ads, legal, comments,
# related links. A line full of these words is furniture in any outlet.
FURNITURE_WORDS = frozenset(
    """cookie cookies privacy consent accept preferences gdpr share shares shared tweet
    facebook twitter whatsapp linkedin pinterest instagram youtube tiktok telegram reddit email
    print subscribe subscribed subscription newsletter newsletters login logout signin signup
    register account password menu search home navigation skip advertisement advertising ad
    ads sponsored copyright rights reserved terms conditions policy sitemap contact about
    careers faq help related trending popular recommended comments comment reply replies
    follow download app notifications cart checkout wishlist loading javascript browser
    partenaires connexion inscription abonnez rechercher accueil datenschutz anmelden
    suchen impressum teilen iniciar sesión suscríbete buscar compartir aviso legal""".split()
)
# Marks of forms and widgets as text browsers print them.
_FORM_MARK = re.compile(
    r"\((?:BUTTON|IMAGE|submit|reset)\)|\[(?: |X|x|_+)\]|\(\s?[*o ]?\s?\)|_{4,}|\[INS:|\[IMG\]"
    r"|^\s*(?:IFRAME|\[?image\]?|\[?photo\]?)\s*:?",
)
# Link marks: lynx's inline references "[12]", bare addresses, breadcrumb and menu arrows.
_LINK_MARK = re.compile(r"\[\d+\]|https?://|www\.|\.com\b|[»›→]|\s[|/]\s")
_LIST_MARK = re.compile(r"^(?:[*+•▪◦●■·-]|\d{1,3}[.)])\s")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_FOLD = re.compile(r"[\W_]+", re.UNICODE)

# Prose: a line that is a sentence of some length (or a wrapped part of one).
PROSE_MIN_WORDS = 12
# Neighbour windows (lines on each side) whose mean features are appended.
WINDOWS = (1, 3)
# Lines looked at on each side for the local prose density.
DENSITY_WINDOW = 5
# Typical width of a wrapped dump: a line close to it is likely part of a wrapped paragraph.
WRAP_WIDTH = 80.0


def line_key(text: str) -> str:
    """Comparison key of a line (case, punctuation, digits kept as digits): how the store
    side must fold the lines it passes as ``repeated_lines``."""
    return _FOLD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


BASE_FEATURES = (
    "log_chars", "words", "ends_sentence", "ends_colon", "stop_share", "digit_share",
    "upper_share", "symbol_share", "capitalised_share", "list_mark", "form_mark", "link_marks",
    "furniture_words", "position", "edge", "repeat_in_page", "repeat_in_outlet", "blank_before",
    "blank_after", "prose_distance", "inside_prose_span", "prose_density", "headline_shape",
    "width_ratio", "is_prose",
)  # fmt: skip
FEATURES = BASE_FEATURES + tuple(f"{name}@±{w}" for w in WINDOWS for name in BASE_FEATURES)


def _line_features(text: str, stop: frozenset[str]) -> list[float]:
    chars = len(text)
    words = _WORD.findall(text)
    n_words = len(words)
    lower = [w.casefold() for w in words]
    letters = sum(c.isalpha() for c in text) or 1
    digits = sum(c.isdigit() for c in text)
    upper = sum(c.isupper() for c in text)
    symbols = sum(not (c.isalnum() or c.isspace()) for c in text)
    capitalised = sum(w[0].isupper() for w in words)
    ends = bool(_SENTENCE_END.search(text))
    return [
        float(np.log1p(chars)),
        min(n_words, 60) / 60,
        float(ends),
        float(text.endswith(":")),
        sum(w in stop for w in lower) / n_words if n_words else 0.0,
        digits / max(chars, 1),
        upper / letters,
        symbols / max(chars, 1),
        capitalised / n_words if n_words else 0.0,
        float(bool(_LIST_MARK.match(text))),
        float(bool(_FORM_MARK.search(text))),
        min(len(_LINK_MARK.findall(text)), 3) / 3,
        min(sum(w in FURNITURE_WORDS for w in lower), 3) / 3,
    ]


def page_features(
    lines: Sequence[Line],
    language: str | None = None,
    repeated_lines: Collection[str] | None = None,
) -> np.ndarray:
    """Feature matrix (one row per line, columns ``FEATURES``) of a dump's non-empty lines."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    stop = STOP_WORDS.get(language or "", ALL_STOP_WORDS)
    keys = [line_key(line.text) for line in lines]
    counts = Counter(keys)
    outlet = repeated_lines or ()
    rows = [_line_features(line.text, stop) for line in lines]
    prose = [
        len(_WORD.findall(line.text)) >= PROSE_MIN_WORDS and row[4] >= 0.15
        for line, row in zip(lines, rows, strict=True)
    ]
    prose_at = [i for i, p in enumerate(prose) if p]
    first, last = (prose_at[0], prose_at[-1]) if prose_at else (n, -1)
    # Distance to the nearest prose line, both directions, in one pass each.
    dist = [float(n)] * n
    last_seen = None
    for i in range(n):
        if prose[i]:
            last_seen = i
        if last_seen is not None:
            dist[i] = i - last_seen
    last_seen = None
    for i in range(n - 1, -1, -1):
        if prose[i]:
            last_seen = i
        if last_seen is not None:
            dist[i] = min(dist[i], last_seen - i)
    cum = np.concatenate([[0], np.cumsum(prose)])
    for i, (line, row) in enumerate(zip(lines, rows, strict=True)):
        lo, hi = max(0, i - DENSITY_WINDOW), min(n, i + DENSITY_WINDOW + 1)
        n_words = len(_WORD.findall(line.text))
        row += [
            i / max(n - 1, 1),
            min(i, n - 1 - i) / max(n, 1),
            min(counts[keys[i]] - 1, 3) / 3,
            float(keys[i] in outlet),
            float(line.blank_before),
            float(i + 1 < n and lines[i + 1].blank_before) if i + 1 < n else 1.0,
            float(np.log1p(dist[i])) / 5,
            float(first <= i <= last),
            (cum[hi] - cum[lo]) / (hi - lo),
            float(3 <= n_words <= 20 and not row[2] and row[8] >= 0.5),
            min(len(line.text) / WRAP_WIDTH, 2.0),
            float(prose[i]),
        ]
    base = np.asarray(rows, dtype=float)
    parts = [base]
    padded_cum = np.vstack([np.zeros((1, base.shape[1])), np.cumsum(base, axis=0)])
    for w in WINDOWS:
        idx = np.arange(n)
        lo, hi = np.maximum(0, idx - w), np.minimum(n, idx + w + 1)
        total = padded_cum[hi] - padded_cum[lo] - base
        count = (hi - lo - 1).clip(min=1)[:, None]
        parts.append(total / count)
    return np.hstack(parts)
