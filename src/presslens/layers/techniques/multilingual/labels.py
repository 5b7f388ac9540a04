"""The 23 techniques of SemEval-2023 Task 3 and their counterparts among the 14 of 2020.

Why a mapping: every other part of PressLens (report colours, store filters, corrections)
speaks the 14 SemEval-2020 labels, so a paragraph annotation carries the 14-label name where
one exists and the 23-label name always (``technique_2023``). The mapping is the one in the
data's SOURCE.md (ours, not the organisers'; definitions changed between editions). Where the
2020 label is a merged class (``Whataboutism,Straw_Men,Red_Herring``), each 2023 member maps
onto it; the six techniques new in 2023 keep their 2023 name as ``technique``.
"""

from __future__ import annotations

# The scorer's class list (scorers/techniques_subtask3.txt), in its order: the order of the
# shipped heads' rows and of the threshold vector.
TECHNIQUES_2023: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_Popularity",
    "Appeal_to_Values",
    "Appeal_to_Fear-Prejudice",
    "Flag_Waving",
    "Causal_Oversimplification",
    "False_Dilemma-No_Choice",
    "Consequential_Oversimplification",
    "Straw_Man",
    "Red_Herring",
    "Whataboutism",
    "Slogans",
    "Appeal_to_Time",
    "Conversation_Killer",
    "Loaded_Language",
    "Repetition",
    "Exaggeration-Minimisation",
    "Obfuscation-Vagueness-Confusion",
    "Name_Calling-Labeling",
    "Doubt",
    "Guilt_by_Association",
    "Appeal_to_Hypocrisy",
    "Questioning_the_Reputation",
)

# 2023 name → 2020 name (presslens.vocab.techniques spelling). Absent: no 2020 counterpart.
TO_2020: dict[str, str] = {
    "Loaded_Language": "Loaded_Language",
    "Name_Calling-Labeling": "Name_Calling,Labeling",
    "Repetition": "Repetition",
    "Doubt": "Doubt",
    "Exaggeration-Minimisation": "Exaggeration,Minimisation",
    "Appeal_to_Fear-Prejudice": "Appeal_to_fear-prejudice",
    "Flag_Waving": "Flag-Waving",
    "Causal_Oversimplification": "Causal_Oversimplification",
    "Appeal_to_Authority": "Appeal_to_Authority",
    "Slogans": "Slogans",
    "False_Dilemma-No_Choice": "Black-and-White_Fallacy",
    "Conversation_Killer": "Thought-terminating_Cliches",
    "Whataboutism": "Whataboutism,Straw_Men,Red_Herring",
    "Straw_Man": "Whataboutism,Straw_Men,Red_Herring",
    "Red_Herring": "Whataboutism,Straw_Men,Red_Herring",
    # ≈ Bandwagon; Guilt_by_Association contains Reductio ad Hitlerum but is broader.
    "Appeal_to_Popularity": "Bandwagon,Reductio_ad_hitlerum",
    "Guilt_by_Association": "Bandwagon,Reductio_ad_hitlerum",
}


def output_label(technique_2023: str) -> str:
    """The ``technique`` value of an annotation: the 2020 label, else the 2023 name."""
    return TO_2020.get(technique_2023, technique_2023)
