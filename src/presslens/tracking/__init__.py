"""Claim tracking: who repeats a claim, since when, and has it been fact-checked already.

Modules, one job each: ``normalize`` (figures and dates by value, tokens), ``agreement``
(figure/date/name/negation checks between two claims), ``lexical`` (BM25 index),
``factchecks`` (collections, query files, TREC runs), ``matcher`` (claim → fact-check
ranking), ``clusters`` (claim clusters over claim records and in a store), ``export``
(ClaimReview JSON and CSV), ``cli`` (the ``presslens claims`` commands). Nothing heavy is
imported here: ``presslens --help`` imports ``tracking.cli``.
"""
