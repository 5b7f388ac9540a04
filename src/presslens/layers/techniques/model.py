"""The shipped persuasion-technique model: SI tagger + TC classifier, run by onnxruntime.

Why this shape: two fine-tuned all-MiniLM-L6-v2 encoders exported to int8 ONNX run on a
laptop CPU with no torch; a hashed-feature linear model adds what the encoder cannot see
(how often a phrase recurs in the article, for Repetition) and names the cue words. All
files live in ``models/techniques/`` and are described by its ``config.json``; nothing is
fetched at run time. A Pipeline loads it once, on its first document (:func:`load_model`,
kept in the Pipeline's Models); inference checks the document's deadline between batches.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from presslens.deadline import check as check_deadline
from presslens.errors import ModelError
from presslens.layers.techniques.features import N_HASH, _h, linear_scores, span_features, words
from presslens.layers.techniques.spans import Window, batch_arrays, decode_spans, windows
from presslens.layers.techniques.tcinput import encode_pair, pad
from presslens.resources import model_dir as packaged_model_dir
from presslens.semeval.t11 import TECHNIQUES

# Function words never shown as cues: they carry weight in the linear model only as context.
_NOT_CUES = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been it its this "
    "that these those who whom which what he she they we you i his her their our your them us "
    "not no so than then there here has have had do does did will would can could should".split()
)

MODEL_DIR = packaged_model_dir("techniques")
ENV_MODEL_DIR = "PRESSLENS_TECHNIQUES_MODEL"


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


@dataclass
class TechniqueSpan:
    """One detected technique use: offsets, label, probability and cue words."""

    start: int
    end: int
    technique: str
    score: float
    span_score: float
    cues: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "technique": self.technique,
            "score": round(self.score, 4),
            "span_score": round(self.span_score, 4),
            "cues": self.cues,
        }


class TechniqueModel:
    """SI + TC inference over plain text; thread-safe after construction."""

    def __init__(self, model_dir: str | os.PathLike[str] | None = None, threads: int = 0):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        d = Path(model_dir or os.environ.get(ENV_MODEL_DIR) or MODEL_DIR)
        cfg_path = d / "config.json"
        if not cfg_path.is_file():
            raise ModelError(f"technique model not found: {cfg_path} is missing")
        self.dir = d
        self.config: dict[str, Any] = json.loads(cfg_path.read_text(encoding="utf-8"))
        self.techniques: tuple[str, ...] = tuple(self.config.get("techniques", TECHNIQUES))
        tok = Tokenizer.from_file(str(d / self.config["tokenizer"]))
        tok.no_truncation()
        tok.no_padding()
        self.tokenizer = tok
        self.cls_id = tok.token_to_id("[CLS]")
        self.sep_id = tok.token_to_id("[SEP]")
        so = ort.SessionOptions()
        if threads:
            so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        prov = ["CPUExecutionProvider"]
        self.si = ort.InferenceSession(str(d / self.config["si_model"]), so, providers=prov)
        self.tc = ort.InferenceSession(str(d / self.config["tc_model"]), so, providers=prov)
        self._si_inputs = {i.name for i in self.si.get_inputs()}
        self._tc_inputs = {i.name for i in self.tc.get_inputs()}
        lex = np.load(d / self.config["lexical"])
        self.lex_coef = lex["coef"].astype(np.float32)
        self.lex_bias = lex["bias"].astype(np.float32)
        if self.lex_coef.shape != (len(self.techniques), N_HASH):
            raise ModelError(f"{d / self.config['lexical']}: unexpected shape")
        self.sha256 = self._digest()

    def _digest(self) -> str:
        """sha256 over config and model files, for provenance."""
        h = hashlib.sha256()
        for key in ("si_model", "tc_model", "lexical", "tokenizer"):
            h.update((self.dir / self.config[key]).read_bytes())
        h.update((self.dir / "config.json").read_bytes())
        return h.hexdigest()

    # ---- SI ---------------------------------------------------------------------------
    def token_probs(self, wins: list[Window], bs: int = 32) -> list[np.ndarray]:
        """P(propaganda) for every subword token of every window."""
        out: list[np.ndarray | None] = [None] * len(wins)
        order = sorted(range(len(wins)), key=lambda i: len(wins[i].ids))
        for b in range(0, len(order), bs):
            check_deadline()
            idx = order[b : b + bs]
            ids, mask = batch_arrays([wins[i] for i in idx], self.cls_id, self.sep_id)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._si_inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            logits = self.si.run(None, feed)[0]
            p = _softmax(logits)[..., 1]
            for j, i in enumerate(idx):
                out[i] = p[j, 1 : 1 + len(wins[i].ids)]
        return [x if x is not None else np.zeros(0) for x in out]

    def find_spans(
        self, text: str, segments: list[tuple[int, int]] | None = None
    ) -> list[tuple[int, int, float]]:
        """SI: (start, end, mean token probability) of propaganda fragments in ``text``."""
        wins = windows(self.tokenizer, text, segments=segments)
        if not wins:
            return []
        probs = self.token_probs(wins)
        c = self.config
        return decode_spans(
            text, wins, probs, c["si_threshold"], gap=c["si_gap"], min_chars=c["si_min_chars"]
        )

    # ---- TC ---------------------------------------------------------------------------
    def classify(self, text: str, spans: list[tuple[int, int]], bs: int = 32) -> np.ndarray:
        """TC: (n_spans, 14) technique probabilities for given spans of one text."""
        if not spans:
            return np.zeros((0, len(self.techniques)), dtype=np.float32)
        enc = [encode_pair(self.tokenizer, text, s, e) for s, e in spans]
        logits = np.zeros((len(enc), len(self.techniques)), dtype=np.float32)
        order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
        for b in range(0, len(order), bs):
            check_deadline()
            idx = order[b : b + bs]
            ids, mask, types = pad([enc[i] for i in idx])
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._tc_inputs:
                feed["token_type_ids"] = types
            logits[idx] = self.tc.run(None, feed)[0]
        p_enc = _softmax(logits)
        low = text.lower()
        rows = [span_features(text, s, e, low) for s, e in spans]
        p_lex = _softmax(linear_scores(rows, self.lex_coef, self.lex_bias))
        w = float(self.config["tc_weight_encoder"])
        return w * p_enc + (1 - w) * p_lex

    def cues(self, text: str, start: int, end: int, label: int, k: int = 3) -> list[str]:
        """Span words whose lexical weight for ``label`` is highest: the words that drove it."""
        scored = []
        seen = set()
        for w in words(text[start:end]):
            if w in seen or not w[0].isalnum() or w in _NOT_CUES:
                continue
            seen.add(w)
            scored.append((float(self.lex_coef[label, _h("w:" + w)]), w))
        scored.sort(reverse=True)
        return [w for s, w in scored[:k] if s > 0] or [w for _s, w in scored[:1]]

    def annotate(
        self, text: str, segments: list[tuple[int, int]] | None = None
    ) -> list[TechniqueSpan]:
        """Full pipeline: find spans, label each with its most likely technique."""
        found = self.find_spans(text, segments)
        probs = self.classify(text, [(s, e) for s, e, _ in found])
        out = []
        for (s, e, ss), p in zip(found, probs, strict=True):
            k = int(p.argmax())
            out.append(
                TechniqueSpan(s, e, self.techniques[k], float(p[k]), ss, self.cues(text, s, e, k))
            )
        return out

    def label_template(self, texts: dict[str, str], spans: list[tuple[str, int, int]]) -> list[str]:
        """Labels for TC template spans; repeated identical spans get the next-best label.

        Why: 41 train spans carry two techniques at the same offsets, and the task lists such
        a span once per label — answering the same label twice can only score once.
        """
        by_art: dict[str, list[int]] = defaultdict(list)
        for i, (aid, _s, _e) in enumerate(spans):
            by_art[aid].append(i)
        labels = [""] * len(spans)
        for aid, idx in by_art.items():
            text = texts[aid]
            uniq = sorted({(spans[i][1], spans[i][2]) for i in idx})
            probs = self.classify(text, uniq)
            rank = {u: list(np.argsort(-p)) for u, p in zip(uniq, probs, strict=True)}
            used: dict[tuple[int, int], int] = defaultdict(int)
            for i in idx:
                key = (spans[i][1], spans[i][2])
                labels[i] = self.techniques[rank[key][used[key]]]
                used[key] += 1
        return labels


# Key of the model in a Pipeline's Models.
MODEL_KEY = "techniques"


def load_model() -> TechniqueModel:
    """Load the shipped model (not cached: the caller keeps it; importing loads nothing)."""
    return TechniqueModel()
