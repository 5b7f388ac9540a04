"""``presslens semeval t11 …``: run the shipped technique model on SemEval-2020 Task 11 files.

Only option parsing lives here; the work is done by the importable functions
:func:`predict_si_dir`, :func:`predict_tc_template` and :func:`score_files`, which the tests
call directly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from presslens.errors import InputError
from presslens.semeval.scorer import score_si, score_tc
from presslens.semeval.t11 import (
    SISpan,
    TCSpan,
    read_articles,
    read_si_labels,
    read_tc_labels,
    write_si_labels,
    write_tc_labels,
)


def _articles(folder: str | Path) -> dict[str, str]:
    if not Path(folder).is_dir():
        raise InputError(f"{folder}: not a directory of article*.txt files")
    arts = read_articles(folder)
    if not arts:
        raise InputError(f"{folder}: no article*.txt files")
    return arts


def predict_si_dir(articles_dir: str | Path) -> list[SISpan]:
    """SI spans for every ``article*.txt`` in the folder (offsets into the UTF-8 text)."""
    from presslens.layers.techniques.batched import find_spans_many
    from presslens.layers.techniques.model import load_model

    arts = _articles(articles_dir)
    found = find_spans_many(load_model(), list(arts.values()))  # batched across articles
    return [(aid, s, e) for aid, spans in zip(arts, found, strict=True) for s, e, _ in spans]


def predict_tc_template(articles_dir: str | Path, template: str | Path) -> list[TCSpan]:
    """Label every span listed in a TC template (label column ignored), in template order."""
    from presslens.layers.techniques.model import load_model

    arts = _articles(articles_dir)
    spans = [(aid, s, e) for aid, _t, s, e in read_tc_labels(template)]
    missing = sorted({aid for aid, _s, _e in spans if aid not in arts})
    if missing:
        raise InputError(f"{template}: articles not in {articles_dir}: {', '.join(missing[:5])}")
    for aid, s, e in spans:
        if not 0 <= s < e <= len(arts[aid]):
            raise InputError(f"{template}: span {aid} {s}-{e} is outside the article")
    labels = load_model().label_template(arts, spans)
    return [(aid, lab, s, e) for (aid, s, e), lab in zip(spans, labels, strict=True)]


def score_files(task: str, gold: str | Path, pred: str | Path) -> str:
    """Score a prediction file against gold; returns the report text."""
    if task == "si":
        r = score_si(read_si_labels(gold), read_si_labels(pred))
        return (
            f"SI precision {r.precision:.4f} recall {r.recall:.4f} F1 {r.f1:.4f} "
            f"(pred spans {r.n_pred}, gold spans {r.n_gold})"
        )
    t = score_tc(read_tc_labels(gold), read_tc_labels(pred))
    lines = [f"TC micro precision {t.precision:.4f} recall {t.recall:.4f} F1 {t.f1:.4f}"]
    lines.append(f"{'technique':<36} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for name, (p, r, f, n) in t.per_technique.items():
        lines.append(f"{name:<36} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d}")
    return "\n".join(lines)


def _run_si(args: argparse.Namespace) -> int:
    write_si_labels(predict_si_dir(args.articles), args.output)
    return 0


def _run_tc(args: argparse.Namespace) -> int:
    write_tc_labels(predict_tc_template(args.articles, args.template), args.output)
    return 0


def _run_score(args: argparse.Namespace) -> int:
    for p in (args.gold, args.pred):
        if not Path(p).is_file():
            raise InputError(f"{p}: no such file")
    print(score_files(args.task, args.gold, args.pred), file=sys.stdout)
    return 0


def add_semeval_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add ``semeval t11 si|tc|score`` to the ``presslens`` command."""
    sem = subparsers.add_parser("semeval", help="SemEval task tooling (Task 11 of 2020)")
    tasks = sem.add_subparsers(dest="semeval_task", metavar="TASK", required=True)
    t11 = tasks.add_parser("t11", help="SemEval-2020 Task 11: propaganda techniques")
    cmd = t11.add_subparsers(dest="t11_command", metavar="COMMAND", required=True)

    si = cmd.add_parser("si", help="span identification: write article_id<TAB>start<TAB>end")
    si.add_argument("articles", metavar="ARTICLES_DIR")
    si.add_argument("-o", "--output", required=True, metavar="PRED")
    si.set_defaults(func=_run_si)

    tc = cmd.add_parser("tc", help="technique classification of the spans in a TC template")
    tc.add_argument("articles", metavar="ARTICLES_DIR")
    tc.add_argument("--template", required=True, metavar="TEMPLATE")
    tc.add_argument("-o", "--output", required=True, metavar="PRED")
    tc.set_defaults(func=_run_tc)

    sc = cmd.add_parser("score", help="score predictions with the task's official formulas")
    sc.add_argument("task", choices=("si", "tc"))
    sc.add_argument("gold", metavar="GOLD")
    sc.add_argument("pred", metavar="PRED")
    sc.set_defaults(func=_run_score)
