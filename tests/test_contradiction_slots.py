"""The checks added for contradictions edited into real articles (issue 14): each with a pair
that must be found (and its kind) and a near-miss that must not. All sentences are fictional.
"""

from __future__ import annotations

import pytest

from presslens.layers.contradictions.candidates import event_pairs
from presslens.layers.contradictions.checks import find_contradictions
from presslens.layers.contradictions.frames import frame
from presslens.layers.contradictions.slots import aliases, name_key

# (a, b, kind): must be flagged with this kind
FOUND = [
    (  # denied credit: "by X, not by Y" against Y saying it
        "The remark that the ferry was unsafe was made by a harbour engineer, not by Mayor Olsen.",
        "Mayor Olsen told reporters that the ferry was unsafe and should stay in port.",
        "attribution",
    ),
    (  # denied credit: "X, not Y, who said"
        "It was Rena Holt, not Ivo Marek, who said the mine had flooded on Tuesday.",
        "Ivo Marek, the site manager, said the mine had flooded on Tuesday after heavy rain.",
        "attribution",
    ),
    (  # a single-author act credited to two named people
        "The video of the flooded tunnel was posted by Councillor Dana Pruitt.",
        "On Monday, former councillor Gil Ostby posted a video of the flooded tunnel.",
        "attribution",
    ),
    (  # the same dated act in two places
        "Lund travelled to Norway in March 2019 to coach the junior team.",
        "According to the club, Lund traveled to Finland in March 2019 to coach the junior team.",
        "entity",
    ),
    (  # the same person, the same role, another institution
        "Dr. Mira Castell is a professor of geology at the University of Arden.",
        "Dr. Mira Castell, a professor of botany at the University of Welby, said the data was "
        "incomplete.",
        "entity",
    ),
    (  # a position reversed, verbs from the two stance lists (not a hand-listed pair)
        "Senator Kaye Brill applauded the plan to close the Rowan coal mine.",
        "Senator Kaye Brill decried the plan to close the Rowan coal mine.",
        "stance",
    ),
    (  # a light verb pinned down by the same subject and object
        "Lawyer Tom Reyes said Kessler had reason to distrust the supplier.",
        "Kessler had no reason to distrust the supplier, lawyer Tom Reyes said.",
        "negation",
    ),
    (  # the negation on the verdict, not on the verb
        "The jury found Pell Varga guilty of fraud in the Orland case.",
        "The jury in Orland found Pell Varga not guilty of fraud.",
        "negation",
    ),
    (  # a restated event (not a one-off verb) dated differently
        "Ana Ruiz says the tour on which Dorn insulted and pushed her took place in 2012.",
        "Ana Ruiz, a singer, says Dorn insulted and pushed her during a tour in 2008.",
        "date",
    ),
    (  # a duration is a figure
        "The weekly chess class lasts 90 minutes at the junior level.",
        "The weekly chess class lasts 30 minutes at the junior level, the club said.",
        "quantity",
    ),
    (  # a passive verb conjoined to another takes the first verb's subject
        "The Peruvian trader convicted of smuggling parrots had been deported in 2009.",
        "One Peruvian trader had a conviction for smuggling parrots and had been deported in 2003.",
        "date",
    ),
    (  # "anyone" fills any object
        "Border officers did not arrest anyone during the three-day Kelso operation.",
        "Border officers arrested 12 smugglers during the three-day Kelso operation.",
        "negation",
    ),
]

# (a, b): must not be flagged
NOT_FOUND = [
    (  # a bare "rather than" is argument, not a denied credit
        "The council viewed the levy from the standpoint of the shops rather than from Mayor "
        "Olsen's.",
        "Mayor Olsen told reporters that the levy would help the shops.",
    ),
    (  # several people can criticise one thing: not a single-author verb
        "The video of the flooded tunnel was criticized by Councillor Dana Pruitt.",
        "On Monday, former councillor Gil Ostby criticized a video of the flooded tunnel.",
    ),
    (  # one person named two ways: the article's full name links them
        "Rena Holt posted the video of the flooded tunnel.",
        "Holt posted the video of the flooded tunnel on Monday, Rena said.",
    ),
    (  # two trips at two times
        "Lund travelled to Norway in March 2019 to coach the junior team.",
        "Lund traveled to Finland in June 2021 to coach the junior team.",
    ),
    (  # more detail on one side only
        "Dr. Mira Castell is a professor of geology.",
        "Dr. Mira Castell, a professor of geology at the University of Welby, said the data was "
        "incomplete.",
    ),
    (  # two people, two positions
        "Senator Kaye Brill applauded the plan to close the Rowan coal mine.",
        "Senator Omar Tell decried the plan to close the Rowan coal mine.",
    ),
    (  # a light verb with another object
        "Kessler had reason to distrust the supplier.",
        "Kessler had no time to call the supplier.",
    ),
    (  # meetings recur, even told twice alike
        "Ana Ruiz says she met Dorn at the Velt theatre during a tour in 2012.",
        "Ana Ruiz, a singer, says she met Dorn at the Velt theatre during a tour in 2008.",
    ),
    (  # a retelling that differs in the weekday only: two steps of one story
        "Marta Quill said she was willing to testify on Monday.",
        "Marta Quill said on Thursday she was willing to testify after the inquiry.",
    ),
    (  # the same retelling, but a recurring verb: two occasions
        "Velt nurses first met the minister in 1989.",
        "Velt nurses met the minister in 1976 in two remote villages.",
    ),
    (  # a time stamp is not a duration
        "The chess club posted the results 90 minutes ago, the coach said.",
        "The chess club posted the results 30 minutes ago.",
    ),
    (  # the same counted thing found by two different doers: two finds
        "A welfare check at the Orlin farm yielded 35 illegal migrants from Velia.",
        "Agents and local police responded and discovered 25 illegal migrants from Velia.",
    ),
    (  # a date that starts a period is not the date of the event
        "Velt nurses have lost jobs at twice the rate of doctors since the strike in 2007.",
        "Since the start of the recovery in 2009, Velt nurses have lost 6,000 jobs.",
    ),
    (  # the same verb and year change, but another charge: two convictions
        "Orlo Dane was convicted in 2008 for assault with a weapon.",
        "In October 2017, Orlo Dane was convicted for drunk driving.",
    ),
    (  # ages are not durations
        "A 37-year-old Velian man was arrested on Friday in Orlin.",
        "A 46-year-old Velian man was arrested on Friday in Orlin.",
    ),
    (  # a list of arrests of unnamed people in different towns
        "A 20-year-old Velian man was arrested on Friday in Orlin.",
        "A 32-year-old Velian man was arrested on Friday in Dunby.",
    ),
    (  # a verdict on another charge
        "The jury found the shooter guilty only of gun possession.",
        "The jury found the shooter not guilty of murder.",
    ),
    (  # a sentence that reports both directions is a comparison
        "Unemployment fell for immigrants and rose for natives in May.",
        "Unemployment rose for immigrants in May, the bureau said.",
    ),
    (  # two states contrasted, nothing negated
        "Wasserman became frantic, not calm, after the audit.",
        "Wasserman became calm after the audit.",
    ),
    (  # one agreeing date is enough to be about the same month
        "Payroll growth in Arden came in at 54,000 in May, the smallest gain since September.",
        "Payroll growth in Arden came in at 54,000 in May.",
    ),
]


@pytest.mark.parametrize(("a", "b", "kind"), FOUND)
def test_edited_kinds_are_found(a: str, b: str, kind: str, contradictions_between) -> None:
    found = contradictions_between(a, b)
    assert found, "not flagged"
    assert found[0].kind == kind, found[0].why
    assert found[0].why


@pytest.mark.parametrize(("a", "b"), NOT_FOUND)
def test_near_misses_are_not_flagged(a: str, b: str, contradictions_between) -> None:
    assert [(f.kind, f.why) for f in contradictions_between(a, b)] == []


def test_name_key_drops_possessive_and_plural() -> None:
    assert name_key("Marx's") == name_key("Marx’s") == name_key("Marx") == "marx"
    assert name_key("Democrats") == name_key("Democrat")
    assert name_key("Ross") == "ross"  # a double s is not a plural


def test_aliases_link_the_words_of_a_full_name(parse_and_embed) -> None:
    parse, _ = parse_and_embed
    doc = parse("Hillary Clinton spoke first. Later Clinton left.")
    known = aliases(doc.ents)
    assert {"hillary", "clinton"} <= known["clinton"]


def test_event_pairs_join_antonyms_on_one_object_despite_low_similarity(parse_and_embed) -> None:
    parse, embed = parse_and_embed
    a = "The tribunal accepted the asylum claims of the Velan fishermen."
    b = (
        "After a long and angry hearing in the capital the claims were rejected as unfounded, and the "
        "men ordered to leave the country within a week."
    )
    doc = parse(a + " " + b)
    spans = [doc.char_span(0, len(a)), doc.char_span(len(a) + 1, len(a) + 1 + len(b))]
    vectors = embed([a, b])
    assert float(vectors[0] @ vectors[1]) < 0.55  # the embedding route alone would miss it
    assert event_pairs([frame(s) for s in spans]) == {(0, 1)}
    found = find_contradictions(spans, embed)
    assert found and found[0].kind == "negation"
