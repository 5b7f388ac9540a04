"""Text-dump cleaning: body F1 of the shipped dump line model on dumps of unseen sites.

Dumps are rendered by training/dumps/render.py (w3m, lynx, html2text) from the pages of both
extraction sets; the model was trained on the ``tune`` sites only, and this scores the
``report`` sites (bench/extraction_data.split_half), per renderer and per dataset, beside the
naive baselines (keep every line; keep lines of ≥ 12 words) and the text path as it was before
the model (the agency-form rules, nothing cut otherwise). Same shingle F1 as bench/extraction.py.

Plain article text must stay whole: the gold bodies of the same pages, read as text files, are
run through the same path and the share of their lines kept is printed (target ≥ 0.98).

    .venv/bin/python training/dumps/render.py --jobs 2   # once, ≈ 15 min
    .venv/bin/python bench/dumps.py [--write-readme]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "training" / "dumps"))

import data  # noqa: E402
from extraction import write_readme  # noqa: E402
from presslens.extract.blocks import assemble  # noqa: E402
from presslens.extract.dump_classifier import body_mask  # noqa: E402
from presslens.extract.dump_lines import read_lines  # noqa: E402
from presslens.extract.textdump import extract_text  # noqa: E402
from scoring import PageScore, score_page, summarise  # noqa: E402

LONG_LINE_WORDS = 12


def _systems() -> dict[str, object]:
    def presslens(text: str) -> str:
        return assemble(extract_text(text).blocks)[0]

    def keep_all(text: str) -> str:
        return text

    def long_lines(text: str) -> str:
        return "\n".join(x for x in text.splitlines() if len(x.split()) >= LONG_LINE_WORDS)

    return {
        "PressLens dump path (line model)": presslens,
        "keep every line": keep_all,
        f"keep lines of ≥ {LONG_LINE_WORDS} words": long_lines,
    }


def evaluate(half: str = "report", limit: int | None = None) -> str:
    dumps = [d for d in data.load_dumps() if d.half == half]
    if limit:  # the first ``limit`` pages (all their renderings), for a bounded run
        keep = sorted({(d.dataset, d.page_id) for d in dumps})[:limit]
        dumps = [d for d in dumps if (d.dataset, d.page_id) in set(keep)]
    if not dumps:
        return "no rendered dumps (run training/dumps/render.py)"
    systems = _systems()
    groups: dict[str, dict[str, list[PageScore]]] = defaultdict(lambda: defaultdict(list))
    seconds = 0.0
    for d in dumps:
        text = "\n".join(("\n" if x.blank_before else "") + x.text for x in d.lines)
        for name, run in systems.items():
            t0 = time.process_time()
            out = run(text)  # type: ignore[operator]
            if name.startswith("PressLens"):
                seconds += time.process_time() - t0
            s = score_page(d.gold, out)
            for key in ("all", d.dataset, d.renderer):
                groups[key][name].append(s)
    cols = ["all", *sorted({d.dataset for d in dumps}), *data.RENDERERS]
    lines = [
        "| system | "
        + " | ".join(f"{c} ({len(groups[c][next(iter(systems))])})" for c in cols)
        + " |",
        "|---|" + "---|" * len(cols),
    ]
    for name in systems:
        lines.append(f"| {name} | " + " | ".join(f"{summarise(groups[c][name]).f1:.3f}"
                                               for c in cols) + " |")  # fmt: skip
    # Plain text: the gold bodies themselves must come through whole. Measured on the cleaner's
    # decision (body_mask), not on the assembled text, where the plain path moves a title line
    # to metadata and joins hard-wrapped lines (neither is a cut).
    pages = {(d.dataset, d.page_id): d.gold for d in dumps}
    total = kept = cut_pages = 0
    for gold in pages.values():
        mask = body_mask(read_lines(gold))
        total, kept = total + len(mask), kept + sum(mask)
        cut_pages += not all(mask)
    lines += [
        "",
        f"{len(dumps)} dumps of {len(pages)} pages from {len({d.site for d in dumps})} "
        f"sites of the `{half}` half (none seen in training); PressLens CPU "
        f"{1000 * seconds / len(dumps):.1f} ms per dump.",
        "",
        f"Plain article text (the {len(pages)} gold bodies as text files): "
        f"**{kept / max(total, 1):.4f}** of {total} lines kept by the cleaner; {cut_pages} "
        "texts were cut at all.",
    ]
    return "\n".join(lines)


README_INTRO = """\
Text dumps of real pages: the visible text a text browser prints (menus, cookie text, headline,
captions, body, related links, footers), rendered from the HTML of both extraction sets with
Debian's `w3m -dump`, `lynx -dump -nolist` and `html2text` (training/dumps/render.py). Gold:
the page's body (same shingle F1 as the HTML benchmark). The dump line model
(src/presslens/models/dumps/, model card there) was trained on the sites of the `tune` half and
is scored here on the `report` half only. Command:

    .venv/bin/python training/dumps/render.py --jobs 2 && .venv/bin/python bench/dumps.py --write-readme
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", default="report", choices=("tune", "report"))
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    out = evaluate(args.half, args.limit)
    print(out)
    if args.write_readme:
        write_readme(README_INTRO + "\n" + out, heading="## Text dumps")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
