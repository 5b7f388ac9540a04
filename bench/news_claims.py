"""Check-worthiness on news: the claims layer against fictional news articles annotated by hand.

    .venv/bin/python bench/news_claims.py                 # all articles, markdown to stdout
    .venv/bin/python bench/news_claims.py --half test     # the half not used for tuning
    .venv/bin/python bench/news_claims.py --ptc 60        # + share on 60 PTC train articles

Why this bench: the model was trained on debate sentences and its threshold set for their class
balance; a fact-checking desk reading a news article wants a short ranked list. The gold
(bench/news-claims/, guideline in its README) says per sentence whether a desk would check it
first. Figures: share of sentences labelled ``check_worthy`` (gold share beside it), precision
/ recall / F1 of that label, mean average precision of the score within each article, and mean
precision of the top five per article (P@5). Halves: odd-numbered articles are the tuning half,
even-numbered the test half, fixed before any tuning.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
GOLD = REPO / "bench" / "news-claims" / "articles"
PTC = REPO.parent / "shared" / "data" / "semeval2020-task11-ptc" / "train-articles"

# Gold type codes (Full Fact's claim types) used in the article files.
TYPE_CODES = {
    "q": "quantity",
    "p": "prediction",
    "e": "personal_experience",
    "c": "correlation_or_causation",
    "l": "laws_and_rules",
    "o": "other",
}
_LINE = re.compile(r"^([+-])([qpeclo]) (.+)$")


@dataclass
class GoldArticle:
    """One annotated article: sentences in order, each with its gold label and type."""

    name: str
    genre: str
    sentences: list[str] = field(default_factory=list)
    worthy: list[bool] = field(default_factory=list)
    types: list[str] = field(default_factory=list)


def load_gold(folder: Path = GOLD) -> list[GoldArticle]:
    """Every article file: ``# genre:`` header, then one ``[+-]<type> sentence`` per line."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        art = GoldArticle(path.stem, "")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# genre:"):
                art.genre = line.split(":", 1)[1].strip()
            m = _LINE.match(line)
            if m:
                art.worthy.append(m.group(1) == "+")
                art.types.append(TYPE_CODES[m.group(2)])
                art.sentences.append(m.group(3))
        out.append(art)
    return out


def half(articles: list[GoldArticle], which: str) -> list[GoldArticle]:
    """``tune`` = odd-numbered files, ``test`` = even-numbered, ``all`` = every article."""
    if which == "all":
        return articles
    odd = which == "tune"
    return [a for a in articles if (int(a.name.split("-", 1)[0]) % 2 == 1) == odd]


def analyse(pipe, art: GoldArticle, tmp: Path) -> tuple[np.ndarray, np.ndarray, list[dict]]:
    """Run the pipeline on the article (one sentence per paragraph, as wire copy is laid out);
    per gold sentence: the highest score and whether any overlapping claim is check-worthy."""
    from presslens.pipeline import extract

    path = tmp / f"{art.name}.txt"
    path.write_text("\n\n".join(art.sentences) + "\n", encoding="utf-8")
    doc = pipe(extract(str(path)))
    spans, pos = [], 0
    for s in art.sentences:
        start = doc.text.find(s, pos)
        spans.append((start, start + len(s)))
        pos = max(pos, start + len(s))
    scores = np.zeros(len(spans))
    labels = np.zeros(len(spans), dtype=bool)
    per_sentence: list[dict] = [{} for _ in spans]
    for c in doc.layers["claims"]:
        for i, (s, e) in enumerate(spans):
            if s < c["end"] and c["start"] < e:
                if c["checkworthiness"] >= scores[i]:
                    per_sentence[i] = c
                scores[i] = max(scores[i], c["checkworthiness"])
                labels[i] |= c["label"] == "check_worthy"
    return scores, labels, per_sentence


def average_precision(gold: np.ndarray, scores: np.ndarray) -> float:
    """AP of one ranking (ties broken by article order, as the report shows them)."""
    order = np.lexsort((np.arange(len(scores)), -scores))
    hits = gold[order]
    if not hits.any():
        return 0.0
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / hits.sum())


def precision_at(gold: np.ndarray, scores: np.ndarray, k: int = 5) -> float:
    order = np.lexsort((np.arange(len(scores)), -scores))
    return float(gold[order[:k]].mean())


def news_table(which: str) -> str:
    """Markdown table per genre group and overall for the chosen half."""
    from presslens.pipeline import Pipeline

    articles = half(load_gold(), which)
    pipe = Pipeline(layers=["quantities", "attributions", "claims"])
    groups: dict[str, list[tuple]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for art in articles:
            scores, labels, _ = analyse(pipe, art, Path(tmp))
            gold = np.array(art.worthy)
            key = "state media" if art.genre.startswith("translated state media") else "other news"
            groups.setdefault(key, []).append((gold, scores, labels))
            groups.setdefault("all", []).append((gold, scores, labels))
    lines = [
        f"Articles: {which} half ({len(articles)} articles, "
        f"{sum(len(a.sentences) for a in articles)} sentences).\n",
        "| articles | sentences | gold check-worthy share | labelled check-worthy share | "
        "precision | recall | F1 | MAP | P@5 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in ("state media", "other news", "all"):
        items = groups.get(key) or []
        if not items:
            continue
        gold = np.concatenate([g for g, _, _ in items])
        pred = np.concatenate([p for _, _, p in items])
        tp = (gold & pred).sum()
        p = tp / max(pred.sum(), 1)
        r = tp / max(gold.sum(), 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        m_ap = np.mean([average_precision(g, s) for g, s, _ in items])
        p5 = np.mean([precision_at(g, s) for g, s, _ in items])
        lines.append(
            f"| {key} ({len(items)}) | {len(gold)} | {gold.mean():.0%} | **{pred.mean():.0%}** | "
            f"{p:.2f} | {r:.2f} | {f1:.2f} | **{m_ap:.3f}** | **{p5:.2f}** |"
        )
    return "\n".join(lines) + "\n"


def ptc_share(n: int) -> str:
    """Share of sentences labelled check-worthy on real PTC news (no gold: share only)."""
    from presslens.pipeline import Pipeline, extract

    files = sorted(PTC.glob("*.txt"))[:n]
    if not files:
        return "PTC train articles absent (../shared/data): share on real news not measured.\n"
    pipe = Pipeline(layers=["quantities", "attributions", "claims"])
    shares, total, worthy = [], 0, 0
    for f in files:
        claims = pipe(extract(str(f))).layers["claims"]
        if not claims:
            continue
        k = sum(c["label"] == "check_worthy" for c in claims)
        shares.append(k / len(claims))
        total += len(claims)
        worthy += k
    return (
        f"Real news (first {len(files)} SemEval-2020 PTC train articles, {total} sentences, "
        f"no gold): **{worthy / max(total, 1):.0%}** of sentences labelled check-worthy; "
        f"per article median {np.median(shares):.0%}, max {max(shares):.0%}.\n"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=("all", "tune", "test"), default="all")
    ap.add_argument("--ptc", type=int, default=0, help="also the share on N PTC train articles")
    args = ap.parse_args()
    print(news_table(args.half))
    if args.ptc:
        print(ptc_share(args.ptc))


if __name__ == "__main__":
    main()
