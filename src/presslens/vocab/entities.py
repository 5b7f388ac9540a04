"""Entity labels the entities layer emits (spaCy's OntoNotes names, numeric ones left out)."""

from __future__ import annotations

# In the order a reader wants them: people first (who speaks and acts), then organisations,
# places, groups … Numeric OntoNotes labels (DATE, MONEY, CARDINAL …) belong to the timex and
# quantity layers, so the entities layer drops them.
ENTITY_LABELS: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "LAW",
    "WORK_OF_ART",
    "LANGUAGE",
)
