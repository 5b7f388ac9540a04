"""What each part of PressLens's HTML path adds, per dataset and subset: the ablation table.

Rebuilds the path from its parts (trafilatura's raw blocks, readability's raw blocks, the news
rules) so every row is measured, not remembered; "without <rule>" rows switch one named rule off
(``boilerplate.rule_names``). The engines' raw output per page is cached in bench/out/ (it does
not change while the rules are tuned), so a re-run costs only the rules.

Reading it: a rule whose row is *higher* than "shipped" on a subset costs F1 there. A rule that
helps one dataset and hurts another is a rule to narrow or drop (issue 15); choose on the
``tune`` half of extraction-bench-2 and check the ``report`` half and extraction-bench.
"""

from __future__ import annotations

import pickle
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extraction_data as datasets  # noqa: E402
from scoring import Summary, score_page, summarise  # noqa: E402

CACHE = Path(__file__).resolve().parent / "out" / "ablation"


def _prepare(dataset: datasets.Dataset, limit: int | None) -> list[dict[str, Any]]:
    """Per page: raw engine blocks, paragraph length, title candidates, captions (cached)."""
    from copy import deepcopy

    from lxml import etree

    from presslens.extract import html as html_path
    from presslens.extract import html_body as hb

    path = CACHE / f"{dataset.name}.{limit or 'all'}.pkl"
    if path.exists():
        with path.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 - our own cache, written just below
    warnings.filterwarnings("ignore")
    pages = []
    chosen = dataset.pages[:limit] if limit else dataset.pages
    for i, page in enumerate(chosen, 1):
        tree = html_path.parse_html(dataset.html(page.id))
        if tree is None:
            pages.append({"id": page.id, "first": [], "second": [], "plen": 0, "titles": [],
                          "captions": [], "first_balanced": [], "is_article": False})  # fmt: skip
            continue
        meta = html_path.find_metadata(tree, page.url)
        captions = html_path.find_captions(tree)
        etree.strip_elements(tree, *html_path.NON_CONTENT_TAGS, with_tail=False)
        pages.append(
            {
                "id": page.id,
                "first": hb.run_trafilatura(tree, page.url),
                "first_balanced": hb.run_trafilatura(tree, page.url, precision=False),
                "is_article": html_path.declares_article(tree),
                "second": hb.run_readability(deepcopy(tree)),
                "plen": hb.paragraph_text_length(tree),
                "titles": html_path._title_candidates(tree, meta.values.get("title")),
                "captions": captions,
            }
        )
        if i % 100 == 0:
            print(f"ablation {dataset.name}: {i}/{len(chosen)}", file=sys.stderr, flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump(pages, fh)
    return pages


Variant = Callable[[dict[str, Any]], list[Any]]


def variants() -> list[tuple[str, Variant]]:
    """(row name, page → blocks) for every row of the table."""
    from presslens.extract import boilerplate as bp
    from presslens.extract import html_body as hb

    def shipped(skip: frozenset[str] = frozenset(), mode: str = "by evidence") -> Variant:
        def pick(p: dict[str, Any]) -> list[Any]:
            clean = lambda b: bp.clean_blocks(b, p["titles"], p["captions"], skip)  # noqa: E731
            precise = mode == "precision" or (mode == "by evidence" and p["is_article"])
            first = p["first"] if precise else p["first_balanced"]
            return hb.choose_body(first, lambda: p["second"], p["plen"], clean).blocks

        return pick

    rows: list[tuple[str, Variant]] = [
        ("trafilatura favor_precision, as typed blocks", lambda p: p["first"]),
        ("readability, as typed blocks", lambda p: p["second"]),
        (
            "+ news rules, no second opinion",
            lambda p: bp.clean_blocks(p["first"], p["titles"], p["captions"]),
        ),  # fmt: skip
        ("trafilatura balanced (default) mode, as typed blocks", lambda p: p["first_balanced"]),
        ("shipped", shipped()),
        ("shipped, precision mode on every page (as before issue 15)", shipped(mode="precision")),
        ("shipped, balanced mode on every page", shipped(mode="balanced")),
    ]
    rows += [(f"shipped without “{name}”", shipped(frozenset({name}))) for name in bp.rule_names()]

    def with_constants(**values: float) -> Variant:
        """The shipped path with some of html_body's constants set otherwise."""
        base = shipped()

        def pick(p: dict[str, Any]) -> list[Any]:
            saved = {k: getattr(hb, k) for k in values}
            try:
                for k, v in values.items():
                    setattr(hb, k, v)
                return base(p)
            finally:
                for k, v in saved.items():
                    setattr(hb, k, v)

        return pick

    rows += [
        ("second opinion never asked", with_constants(SECOND_OPINION_MIN_TEXT=0,
                                                       SECOND_OPINION_SHARE=0.0)),
        ("second opinion by agreement only (gain 1.0)", with_constants(SECOND_OPINION_GAIN=1.0)),
        ("second opinion: gain 1.3, no agreement test", with_constants(SECOND_OPINION_OVERLAP=0.0)),
        ("fallback when rules remove > 50%", with_constants(FALLBACK_REMOVED_SHARE=0.5)),
        ("fallback when rules remove > 30%", with_constants(FALLBACK_REMOVED_SHARE=0.3)),
        ("fallback off", with_constants(FALLBACK_REMOVED_SHARE=1.0)),
    ]  # fmt: skip
    return rows


def ablation_table(dataset: datasets.Dataset, limit: int | None = None) -> str:
    """Markdown: F1 of each variant on each subset of ``dataset``, and its gap to shipped."""
    from presslens.extract.blocks import assemble

    pages = _prepare(dataset, limit)
    gold = {p.id: p for p in dataset.pages}
    subsets = (
        ["all"] if dataset.name == "extraction-bench" else ["all", "article", "tune", "report"]
    )
    ids = {t: {p["id"] for p in pages if t in gold[p["id"]].tags} for t in subsets}
    rows: list[tuple[str, dict[str, Summary]]] = []
    for name, pick in variants():
        scores = {p["id"]: score_page(gold[p["id"]].gold, assemble(pick(p))[0]) for p in pages}
        rows.append(
            (
                name,
                {
                    t: summarise([s for k, s in sorted(scores.items()) if k in ids[t]])
                    for t in subsets
                },
            )  # fmt: skip
        )
    base = dict(rows)["shipped"]
    head = " | ".join(f"F1 {t} ({len(ids[t])})" for t in subsets)
    lines = [f"| PressLens variant | {head} | Δ vs shipped ({', '.join(subsets)}) |",
             "|---|" + "---|" * (len(subsets) + 1)]  # fmt: skip
    for name, s in rows:
        f1s = " | ".join(f"{s[t].f1:.3f}" for t in subsets)
        delta = " / ".join(f"{s[t].f1 - base[t].f1:+.3f}" for t in subsets)
        lines.append(f"| {name} | {f1s} | {delta} |")
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="PressLens ablation per dataset")
    parser.add_argument("--datasets", default=",".join(datasets.LOADERS))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    for name in args.datasets.split(","):
        ds = datasets.load(name)
        if ds is not None:
            print(f"#### {name}\n\n{ablation_table(ds, args.limit)}\n")
