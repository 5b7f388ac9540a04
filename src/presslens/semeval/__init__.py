"""SemEval task tooling: file formats and official scorers, importable without any model.

Only Task 11 of SemEval-2020 (propaganda techniques) is implemented, in :mod:`.t11` (file
I/O) and :mod:`.scorer` (the task's metrics).
"""

from presslens.semeval.scorer import ScoreSI, ScoreTC, score_si, score_tc
from presslens.semeval.t11 import (
    TECHNIQUES,
    read_articles,
    read_si_labels,
    read_tc_labels,
    write_si_labels,
    write_tc_labels,
)

__all__ = [
    "TECHNIQUES",
    "ScoreSI",
    "ScoreTC",
    "read_articles",
    "read_si_labels",
    "read_tc_labels",
    "score_si",
    "score_tc",
    "write_si_labels",
    "write_tc_labels",
]
