"""Paragraph-level persuasion techniques in six languages (SemEval-2023 Task 3 subtask 3).

Why a separate package: the English span model (``model.py``, ``batched.py``) reads English
subwords only, and no fine-tunable multilingual encoder is available offline. This package is
a different kind of model — frozen text features plus one linear head per technique, trained
on all six languages pooled — that labels whole paragraphs with the 23 techniques of the 2023
taxonomy, then points at the sentences inside a labelled paragraph that carry each label.
``labels`` (the 23 names, their 14-label counterparts), ``paragraphs`` (where the paragraphs
of a document are), ``features`` (the shipped TF-IDF featuriser), ``classifier`` (load,
predict, annotate), ``sentences`` (the optional sentence heads and the rule choosing
sentences), ``scorer`` (the official subtask-3 F1), ``semeval2023`` and ``spans2023`` (reading
the task's files and train spans, for training and the benches only).
"""
