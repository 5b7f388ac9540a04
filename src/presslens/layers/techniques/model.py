"""The shipped persuasion-technique model: an SI tagger whose hidden states also feed a TC head.

Why this shape: one fine-tuned all-MiniLM-L6-v2 token tagger, exported to int8 ONNX, runs on a
laptop CPU with no torch. Its graph has two outputs: the per-token propaganda logits (SI) and
the last hidden states, which a linear TC head reads for each candidate span — so labelling a
span costs no second encoder pass. A hashed-feature linear model is mixed in for what the
encoder cannot see (how often a phrase recurs in the article, for Repetition) and names the cue
words. All files live in ``models/techniques/`` and are described by its ``config.json``;
nothing is fetched at run time. A Pipeline loads it once, on its first document
(:func:`load_model`, kept in the Pipeline's Models); inference (:mod:`.batched`, the one path)
checks the document's deadline between batches.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from presslens.errors import ModelError
from presslens.layers.techniques.batched import annotate_many, classify_many, find_spans_many
from presslens.layers.techniques.features import N_HASH, _h, words
from presslens.layers.techniques.spans import TechniqueSpan
from presslens.resources import model_dir as packaged_model_dir
from presslens.semeval.t11 import TECHNIQUES

__all__ = ["TechniqueModel", "TechniqueSpan", "load_model", "default_threads", "MODEL_KEY"]

# Function words never shown as cues: they carry weight in the linear model only as context.
_NOT_CUES = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been it its this "
    "that these those who whom which what he she they we you i his her their our your them us "
    "not no so than then there here has have had do does did will would can could should".split()
)

MODEL_DIR = packaged_model_dir("techniques")
ENV_MODEL_DIR = "PRESSLENS_TECHNIQUES_MODEL"
# Files hashed into the provenance digest (those the config names).
_FILE_KEYS = ("si_model", "tc_head", "lexical", "tokenizer")


class TechniqueModel:
    """SI + TC inference over plain text; thread-safe after construction.

    ``threads``: onnxruntime intra-op threads of the one session (0: one per core).
    ``with_head=False`` loads everything but the TC head (training reads the hidden states
    before a head exists).
    """

    def __init__(
        self,
        model_dir: str | os.PathLike[str] | None = None,
        threads: int = 0,
        *,
        with_head: bool = True,
    ):
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
        # No busy-waiting between ops: on a machine shared with spaCy, worker processes or other
        # jobs, spinning threads burn the cores the others need (20 PTC articles' windows, 2
        # threads, load ≈ 8 on 2 cores: 10.5–12.0 s spinning vs 6.8–8.8 s not).
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        si_path = d / self.config["si_model"]
        self.si = ort.InferenceSession(str(si_path), so, providers=["CPUExecutionProvider"])
        self.si_inputs = {i.name for i in self.si.get_inputs()}
        outs = {o.name: o for o in self.si.get_outputs()}
        if "hidden" not in outs:
            raise ModelError(f"{si_path}: no 'hidden' output (run training.techniques.si_hidden)")
        self.hidden_size = int(self.config.get("hidden_size", 384))
        lex = np.load(d / self.config["lexical"])
        self.lex_coef = lex["coef"].astype(np.float32)
        self.lex_bias = lex["bias"].astype(np.float32)
        if self.lex_coef.shape != (len(self.techniques), N_HASH):
            raise ModelError(f"{d / self.config['lexical']}: unexpected shape")
        if with_head:
            head = np.load(d / self.config["tc_head"])
            self.head_coef = head["coef"].astype(np.float32)
            self.head_bias = head["bias"].astype(np.float32)
            self.head_mean = head["mean"].astype(np.float32)
            self.head_scale = head["scale"].astype(np.float32)
            if self.head_coef.shape != (len(self.techniques), 4 * self.hidden_size):
                raise ModelError(f"{d / self.config['tc_head']}: unexpected shape")
        self.sha256 = self._digest()

    def _digest(self) -> str:
        """sha256 over config and model files, for provenance."""
        h = hashlib.sha256()
        for key in _FILE_KEYS:
            path = self.dir / self.config.get(key, "")
            if path.is_file():
                h.update(path.read_bytes())
        h.update((self.dir / "config.json").read_bytes())
        return h.hexdigest()

    # ---- one text (the batched path with a list of one) ---------------------------------
    def find_spans(
        self, text: str, segments: list[tuple[int, int]] | None = None
    ) -> list[tuple[int, int, float]]:
        """SI: (start, end, mean token probability) of propaganda fragments in ``text``."""
        return find_spans_many(self, [text], [segments])[0]

    def classify(
        self, text: str, spans: list[tuple[int, int]], segments: list[tuple[int, int]] | None = None
    ) -> np.ndarray:
        """TC: (n_spans, 14) technique probabilities for given spans of one text."""
        return classify_many(self, [text], [spans], [segments])[0]

    def annotate(
        self, text: str, segments: list[tuple[int, int]] | None = None
    ) -> list[TechniqueSpan]:
        """Full pipeline: find spans, label each with its most likely technique."""
        return annotate_many(self, [text], [segments])[0]

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

    def label_template(self, texts: dict[str, str], spans: list[tuple[str, int, int]]) -> list[str]:
        """Labels for TC template spans; repeated identical spans get the next-best label.

        Why: 41 train spans carry two techniques at the same offsets, and the task lists such
        a span once per label — answering the same label twice can only score once.
        """
        by_art: dict[str, list[int]] = defaultdict(list)
        for i, (aid, _s, _e) in enumerate(spans):
            by_art[aid].append(i)
        aids = list(by_art)
        uniq = [sorted({(spans[i][1], spans[i][2]) for i in by_art[a]}) for a in aids]
        probs = classify_many(self, [texts[a] for a in aids], uniq)
        labels = [""] * len(spans)
        for aid, us, ps in zip(aids, uniq, probs, strict=True):
            rank = {u: list(np.argsort(-p)) for u, p in zip(us, ps, strict=True)}
            used: dict[tuple[int, int], int] = defaultdict(int)
            for i in by_art[aid]:
                key = (spans[i][1], spans[i][2])
                labels[i] = self.techniques[rank[key][used[key]]]
                used[key] += 1
        return labels


# Key of the model in a Pipeline's Models.
MODEL_KEY = "techniques"


def default_threads() -> int:
    """onnxruntime threads when the settings name none: 1 in a worker process, else 0 (one per
    core). Why: a pool of N worker processes already uses the cores; N sessions of one thread
    per core each oversubscribe them (bench/throughput.py, 30 PTC articles, 2 workers on 2 cores,
    all layers: 177 s with 2 threads per worker, 118 s with 1)."""
    import multiprocessing

    return 1 if multiprocessing.parent_process() is not None else 0


def load_model(threads: int | None = None) -> TechniqueModel:
    """Load the shipped model (not cached: the caller keeps it; importing loads nothing).

    ``threads`` is onnxruntime's intra-op thread count (0: one per core; None: see
    :func:`default_threads`).
    """
    return TechniqueModel(threads=default_threads() if threads is None else threads)
