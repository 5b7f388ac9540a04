"""Score the annotation layers against the hand gold (tests/gold/layers/).

Why this script: each layer has a target (F1 ≥ 0.85 on the gold) and the numbers must come from
one place that anyone can rerun. It runs the registered components through the registry (new
layers plug in without edits here), matches system spans to gold spans one-to-one, and prints:

* per layer precision/recall/F1 with **exact** span match and with **overlap** match;
* per-field accuracy on overlap-matched pairs (entity label, timex kind/value, quantity
  value/low/high/unit/approx/sourced, attribution source/cue/kind/hedged/vague);
* entity alias clusters as pairwise link F1 over matched mentions;
* baselines: spaCy's parser sentences and spaCy's raw NER (clusters by identical text).

Usage::

    python bench/layers.py                    # table on stdout
    python bench/layers.py --write-readme     # also replace "## Layers" in bench/README.md
    python bench/layers.py --write-floors     # pin bench/layer_floors.json (tests subtract 0.02)
    python bench/layers.py --json             # machine-readable scores
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold import GOLD_DIR, ROOT, GoldArticle, load_gold  # noqa: E402
from presslens.document import Document  # noqa: E402
from presslens.layers.registry import ComponentSpec, components, resolve  # noqa: E402
from presslens.settings import DEFAULT_SETTINGS, Settings  # noqa: E402

LAYERS = ("sentences", "entities", "timexes", "quantities", "attributions")
README = ROOT / "bench" / "README.md"
FLOORS = ROOT / "bench" / "layer_floors.json"
HELDOUT_ENTITIES = ROOT / "bench" / "heldout-entities"

# Per-layer fields compared on matched pairs: (name, function(gold, system) -> bool).
Field = tuple[str, Callable[[dict[str, Any], dict[str, Any], str], bool]]

# spaCy labels that are numbers/dates: they belong to the timex and quantity layers, so the raw
# spaCy baseline for entities leaves them out, as PressLens' entities layer does.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


# -- matching -------------------------------------------------------------------------------------
Span = tuple[int, int]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(gold: list[Span], system: list[Span], exact: bool) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs: exact equality, or greedy largest overlap."""
    if exact:
        where: dict[Span, list[int]] = {}
        for j, s in enumerate(system):
            where.setdefault(s, []).append(j)
        pairs = []
        for i, g in enumerate(gold):
            if where.get(g):
                pairs.append((i, where[g].pop(0)))
        return pairs
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            ov = _overlap(g, s)
            if ov:
                candidates.append((-ov, i, j))
    used_g, used_s, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((i, j))
    return sorted(pairs)


@dataclass
class Counts:
    """Running totals for one layer (and one match mode)."""

    tp: int = 0
    n_gold: int = 0
    n_sys: int = 0

    def add(self, tp: int, n_gold: int, n_sys: int) -> None:
        self.tp += tp
        self.n_gold += n_gold
        self.n_sys += n_sys

    @property
    def precision(self) -> float:
        return self.tp / self.n_sys if self.n_sys else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class LayerScore:
    """Exact and overlap counts, field agreement and link counts for one layer of one system."""

    exact: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)
    fields: dict[str, list[int]] = field(default_factory=dict)  # name -> [agree, total]
    links: Counts = field(default_factory=Counts)
    seconds: float = 0.0

    def field_accuracy(self) -> dict[str, float]:
        return {k: (a / n if n else 0.0) for k, (a, n) in self.fields.items()}

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for mode in ("exact", "overlap"):
            c: Counts = getattr(self, mode)
            out[mode] = {
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
                "gold": c.n_gold,
                "system": c.n_sys,
            }
        out["fields"] = {k: round(v, 4) for k, v in self.field_accuracy().items()}
        if self.links.n_gold or self.links.n_sys:
            out["cluster_links_f1"] = round(self.links.f1, 4)
        out["seconds"] = round(self.seconds, 3)
        return out


# -- field comparisons ----------------------------------------------------------------------------
def _num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)
    return abs(fa - fb) <= 1e-6 * max(1.0, abs(fa))


def _norm_unit(u: Any) -> str:
    """Unit spellings that mean the same thing compare equal (metre/m, percent/%, …)."""
    s = str(u or "").strip().lower()
    return UNIT_SYNONYMS.get(s, s.rstrip("s") if len(s) > 3 else s)


# Unit spellings gold writers and components use interchangeably.
UNIT_SYNONYMS = {
    "m": "metre",
    "meter": "metre",
    "metres": "metre",
    "meters": "metre",
    "km": "kilometre",
    "kilometer": "kilometre",
    "kilometres": "kilometre",
    "%": "percent",
    "per cent": "percent",
    "pct": "percent",
    "t": "tonne",
    "ton": "tonne",
    "tonnes": "tonne",
    "tons": "tonne",
    "kg": "kilogram",
    "people": "person",
    "persons": "person",
}


def _cue_eq(a: Any, b: Any) -> bool:
    """Cues compare by stem, so "said"/"says"/"say" and "believes"/"believe" agree."""

    def stem(x: Any) -> str:
        s = str(x or "").lower().strip()
        s = {"said": "say", "says": "say", "told": "tell", "tells": "tell"}.get(s, s)
        return re.sub(r"(ed|es|s|d)$", "", s)

    return stem(a) == stem(b)


def _source_eq(gold: dict[str, Any], sysann: dict[str, Any], text: str) -> bool:
    g, s = gold.get("source"), sysann.get("source")
    if not g or not s:
        return not g and not s
    return _overlap((g["start"], g["end"]), (s["start"], s["end"])) > 0


LAYER_FIELDS: dict[str, list[Field]] = {
    "entities": [("label", lambda g, s, t: g["label"] == s.get("label"))],
    "timexes": [
        ("kind", lambda g, s, t: g.get("kind") == s.get("kind")),
        ("value", lambda g, s, t: (g.get("value") or None) == (s.get("value") or None)),
    ],
    "quantities": [
        ("value", lambda g, s, t: _num_eq(g.get("value"), s.get("value"))),
        ("low", lambda g, s, t: _num_eq(g.get("low"), s.get("low"))),
        ("high", lambda g, s, t: _num_eq(g.get("high"), s.get("high"))),
        ("unit", lambda g, s, t: _norm_unit(g.get("unit")) == _norm_unit(s.get("unit"))),
        ("approx", lambda g, s, t: bool(g.get("approx")) == bool(s.get("approx"))),
        ("sourced", lambda g, s, t: bool(g.get("sourced")) == (s.get("attribution") is not None)),
    ],
    "attributions": [
        ("source", _source_eq),
        ("cue", lambda g, s, t: _cue_eq(g.get("cue"), s.get("cue"))),
        ("kind", lambda g, s, t: g.get("kind") == s.get("kind")),
        ("hedged", lambda g, s, t: bool(g.get("hedged")) == bool(s.get("hedged"))),
        (
            "vague_source",
            lambda g, s, t: bool(g.get("vague_source")) == bool(s.get("vague_source")),
        ),
    ],
}


def _links(clusters: list[Any]) -> set[tuple[int, int]]:
    return {
        (i, j)
        for i in range(len(clusters))
        for j in range(i + 1, len(clusters))
        if clusters[i] is not None and clusters[i] == clusters[j]
    }


def score_layer(
    score: LayerScore,
    layer: str,
    gold: list[dict[str, Any]],
    system: list[dict[str, Any]],
    text: str,
) -> None:
    """Add one article's comparison for ``layer`` into ``score``."""
    g_spans = [(a["start"], a["end"]) for a in gold]
    s_spans = [(a["start"], a["end"]) for a in system]
    exact = match_spans(g_spans, s_spans, exact=True)
    score.exact.add(len(exact), len(g_spans), len(s_spans))
    pairs = match_spans(g_spans, s_spans, exact=False)
    score.overlap.add(len(pairs), len(g_spans), len(s_spans))
    for name, same in LAYER_FIELDS.get(layer, []):
        tally = score.fields.setdefault(name, [0, 0])
        for i, j in pairs:
            tally[0] += bool(same(gold[i], system[j], text))
            tally[1] += 1
    if layer == "entities":
        gold_links = _links([gold[i]["cluster"] for i, _ in pairs])
        sys_links = _links([system[j].get("cluster") for _, j in pairs])
        score.links.add(len(gold_links & sys_links), len(gold_links), len(sys_links))


# -- running systems ------------------------------------------------------------------------------
def _models() -> Any:
    from presslens.context import Models

    return Models()


# The models of this benchmark process (one spaCy parser shared by every Runner).
MODELS = _models()


def parse(text: str) -> Any:
    """The spaCy parse of ``text`` with this process's parser."""
    return MODELS.parser(text)


class Runner:
    """Builds each registered component once and runs the chain for the requested layers."""

    def __init__(self, layers: Iterable[str], settings: Settings = DEFAULT_SETTINGS):
        known = {c.assigns for c in components().values()}
        self.layers = [layer for layer in layers if layer in known]
        self.specs: list[ComponentSpec] = resolve(self.layers) if self.layers else []
        self.settings = settings
        self.annotators = {spec.name: spec.factory(settings, MODELS) for spec in self.specs}
        self.seconds: dict[str, float] = {spec.assigns: 0.0 for spec in self.specs}

    def __call__(self, doc: Document, parse: Any | None = None) -> Document:
        from presslens.context import Context

        ctx = Context.for_document(doc, MODELS, self.settings, parse=parse)
        for spec in self.specs:
            started = time.perf_counter()
            annotations = self.annotators[spec.name](doc, ctx)
            self.seconds[spec.assigns] += time.perf_counter() - started
            doc = doc.with_layer(spec.assigns, annotations, {"component": spec.name})
        return doc


def spacy_sentences(doc: Document) -> list[dict[str, Any]]:
    """Baseline: spaCy's parser sentences, clipped to paragraphs and stripped."""
    sdoc = parse(doc.text)
    out = []
    for para in doc.layers["paragraphs"]:
        for sent in sdoc.sents:
            a, b = max(sent.start_char, para["start"]), min(sent.end_char, para["end"])
            while a < b and doc.text[a].isspace():
                a += 1
            while b > a and doc.text[b - 1].isspace():
                b -= 1
            if a < b:
                out.append({"start": a, "end": b})
    return out


def spacy_entities(doc: Document) -> list[dict[str, Any]]:
    """Baseline: spaCy's raw NER (non-numeric labels); identical text = same cluster."""
    return [
        {"start": e.start_char, "end": e.end_char, "label": e.label_, "cluster": e.text}
        for e in parse(doc.text).ents
        if e.label_ not in NUMERIC_LABELS
    ]


BASELINES: dict[str, tuple[str, Callable[[Document], list[dict[str, Any]]]]] = {
    "sentences": ("spaCy parser sentences", spacy_sentences),
    "entities": ("spaCy NER alone", spacy_entities),
}


def evaluate(
    articles: list[GoldArticle], layers: Iterable[str] = LAYERS, baselines: bool = True
) -> dict[str, dict[str, LayerScore]]:
    """Scores per layer per system ("presslens", and baseline names)."""
    runner = Runner(layers)
    results: dict[str, dict[str, LayerScore]] = {}
    for art in articles:
        out = runner(art.doc)
        for layer in runner.layers:
            score = results.setdefault(layer, {}).setdefault("presslens", LayerScore())
            score_layer(score, layer, art.layers[layer], out.layers.get(layer, []), art.text)
            if baselines and layer in BASELINES:
                name, fn = BASELINES[layer]
                base = results[layer].setdefault(name, LayerScore())
                started = time.perf_counter()
                system = fn(art.doc)
                base.seconds += time.perf_counter() - started
                score_layer(base, layer, art.layers[layer], system, art.text)
    for layer, seconds in runner.seconds.items():
        if layer in results:
            results[layer]["presslens"].seconds = seconds
    return results


# -- output ---------------------------------------------------------------------------------------
def table(results: dict[str, dict[str, LayerScore]], n_articles: int, where: str = "") -> str:
    """Markdown tables: span scores, then field accuracies."""
    where = where or "tests/gold/layers"
    lines = [
        f"Gold: {n_articles} articles in {where}. Exact = identical offsets; overlap = "
        "one-to-one greedy by overlap. Fields are scored on overlap-matched pairs.",
        "",
        "| layer | system | gold | sys | P exact | R exact | F1 exact | P overlap | R overlap "
        "| F1 overlap |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for layer in LAYERS:
        for name, sc in results.get(layer, {}).items():
            e, o = sc.exact, sc.overlap
            lines.append(
                f"| {layer} | {name} | {e.n_gold} | {e.n_sys} | {e.precision:.3f} | "
                f"{e.recall:.3f} | **{e.f1:.3f}** | {o.precision:.3f} | {o.recall:.3f} | "
                f"{o.f1:.3f} |"
            )
    lines += ["", "| layer | system | field agreement on matched spans |", "|---|---|---|"]
    for layer in LAYERS:
        for name, sc in results.get(layer, {}).items():
            parts = [f"{k} {v:.3f}" for k, v in sc.field_accuracy().items()]
            if sc.links.n_gold or sc.links.n_sys:
                parts.append(
                    f"cluster links P {sc.links.precision:.3f} R {sc.links.recall:.3f} "
                    f"F1 {sc.links.f1:.3f}"
                )
            if parts:
                lines.append(f"| {layer} | {name} | {'; '.join(parts)} |")
    return "\n".join(lines)


def write_readme_section(body: str, heading: str = "## Layers", path: Path = README) -> None:
    """Replace (or append) one "## " section of bench/README.md, leaving the others alone."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    section = f"{heading}\n\n{body.strip()}\n\n"
    new = (
        pattern.sub(lambda _: section, old)
        if pattern.search(old)
        else (old.rstrip("\n") + "\n\n" + section)
    )
    path.write_text(new, encoding="utf-8")


def floors(results: dict[str, dict[str, LayerScore]]) -> dict[str, dict[str, float]]:
    """The F1 values the gold test pins (PressLens rows only)."""
    return {
        layer: {
            "f1_exact": round(by["presslens"].exact.f1, 4),
            "f1_overlap": round(by["presslens"].overlap.f1, 4),
        }
        for layer, by in results.items()
        if "presslens" in by
    }


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD_DIR)
    parser.add_argument("--layers", default=",".join(LAYERS))
    parser.add_argument("--json", action="store_true", help="print scores as JSON")
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--write-floors", action="store_true")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--articles", default="*.txt", help="glob of gold files to use")
    args = parser.parse_args(argv)
    articles = load_gold(args.gold, args.articles)
    if not articles:
        print(f"no gold articles in {args.gold}", file=sys.stderr)
        return 1
    layers = [x.strip() for x in args.layers.split(",") if x.strip()]
    results = evaluate(articles, layers, baselines=not args.no_baselines)
    if args.json:
        print(
            json.dumps(
                {layer: {n: s.as_dict() for n, s in by.items()} for layer, by in results.items()},
                indent=1,
            )
        )
    else:
        print(table(results, len(articles), _relative(args.gold)))
    if args.write_readme:
        body = (
            "Made by `.venv/bin/python bench/layers.py --write-readme` "
            f"({time.strftime('%Y-%m-%d')}).\n\n" + table(results, len(articles))
        )
        held = load_gold(HELDOUT_ENTITIES)
        if held:
            scores = evaluate(held, ("sentences", "entities"))
            body += (
                "\n\nHeld-out articles for sentences and entities (written after tuning; see "
                "bench/heldout-entities/README.md for their first, untuned scores):\n\n"
                + table(scores, len(held), _relative(HELDOUT_ENTITIES))
            )
        write_readme_section(body)
    if args.write_floors:
        FLOORS.write_text(json.dumps(floors(results), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {FLOORS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
