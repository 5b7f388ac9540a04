"""Entity and attribution contradictions: one event, another agent, place or role.

The negation, figure and date checks treat a name found on one side only as a sign of two
different events, so they can never see "X did it" against "Z did it". These checks read the
names as slot values (:mod:`presslens.layers.contradictions.slots`) and compare a slot only
when everything else says it is the same event: the same predicate with the same object, the
same statement, the same person. Each returns ``(score, why)`` or None, like the other checks.
"""

from __future__ import annotations

from presslens.layers.contradictions.frames import (
    LIGHT_VERBS,
    ONE_OFF_EVENTS,
    PRONOUNS,
    Frame,
    Predicate,
    event_dates,
)

# Content words the statement around a denied credit must share with the partner: "the remark
# that patients escaped because they feared needles was made by X, not by Unicef" shares
# escape + needle with the Unicef quote; one shared word is a topic, not a statement.
MIN_STATEMENT_WORDS = 2
# Verbs whose object has exactly one author, so two different named agents cannot both hold:
# a tweet, a photo, a goal, a killing. Approvals, criticism, visits and most actions are
# routinely shared ("the mayor and the council approved the budget"), so they are not here.
SINGLE_AGENT_VERBS = frozenset(
    {
        "tweet",
        "post",
        "write",
        "author",
        "film",
        "photograph",
        "compose",
        "invent",
        "discover",
        "found",
        "win",
        "score",
        "kill",
        "murder",
        "shoot",
        "stab",
    }
)


def check_denied_attribution(a: Frame, b: Frame) -> tuple[float, str] | None:
    """``a`` says a statement came from X, "not from Y"; ``b`` has Y saying or doing it."""
    denied = a.slots.denied
    if not denied or b.slots.denied or a.question or b.question:
        return None
    credited = b.slots.agents & denied
    if not credited:
        return None
    statement = (a.content & b.content) - denied - b.slots.agents
    if len(statement) < MIN_STATEMENT_WORDS:
        return None
    return 0.8, f"credited to {'/'.join(sorted(credited))} in one, denied in the other"


def _same_object(p: Predicate, q: Predicate) -> bool:
    """The same non-pronoun object head, narrowed compatibly on both sides."""
    shared = (p.obj.keys() & q.obj.keys()) - {"it", "this", "that", "which", "who"}
    shared = {h for h in shared if not h.startswith("<clause>")}
    return bool(shared) and all(
        not (p.obj[h] and q.obj[h]) or bool(p.obj[h] & q.obj[h]) for h in shared
    )


def check_agent_swap(a: Frame, b: Frame) -> tuple[float, str] | None:
    """The same single-author act on the same object by two different named agents, neither of
    whom the other sentence mentions: "the photo was tweeted by Rossello" / "Padilla tweeted
    a photo"."""
    if a.question or b.question:
        return None
    for p in a.predicates:
        if p.lemma not in SINGLE_AGENT_VERBS or p.modal:
            continue
        x = a.slots.agent_of.get(p.i, frozenset())
        if not x or x & b.slots.names:
            continue
        for q in b.predicates:
            if q.lemma != p.lemma or q.modal or q.negated != p.negated:
                continue
            y = b.slots.agent_of.get(q.i, frozenset())
            if not y or y & a.slots.names or not _same_object(p, q):
                continue
            return (
                0.75,
                f"'{p.lemma}' credited to {'/'.join(sorted(x))} and to {'/'.join(sorted(y))}",
            )
    return None


def _same_dates(p_dates: tuple[dict[str, int], ...], q_dates: tuple[dict[str, int], ...]) -> bool:
    return bool(p_dates) and set(map(lambda d: tuple(sorted(d.items())), p_dates)) == set(
        map(lambda d: tuple(sorted(d.items())), q_dates)
    )


def _same_named_doer_or_object(a: Frame, b: Frame, p: Predicate, q: Predicate) -> bool:
    """The two predicates are about one named doer or one named thing: a name in both agent
    slots, or the same subject or object head written with a capital on both sides (the
    parser does not always tag a surname as a name). Common nouns ("a man", "persons") may be
    different people in every sentence of a list of arrests."""
    if a.slots.agent_of.get(p.i, frozenset()) & b.slots.agent_of.get(q.i, frozenset()):
        return True
    named = a.slots.capitalised & b.slots.capitalised
    heads = ((p.subj.keys() & q.subj.keys()) | (p.obj.keys() & q.obj.keys())) - PRONOUNS
    return bool(heads & named) and (bool(p.subj.keys() & q.subj.keys()) or _same_object(p, q))


def check_place(a: Frame, b: Frame) -> tuple[float, str] | None:
    """The same agent doing the same thing at the same time (or a one-off thing) in two places:
    "Patel travelled to Vietnam in July 2016" / "… traveled to China in July 2016"."""
    if a.question or b.question:
        return None
    for p in a.predicates:
        places_p = a.slots.places_of.get(p.i)
        if not places_p or p.modal or p.lemma in LIGHT_VERBS:
            continue
        for q in b.predicates:
            places_q = b.slots.places_of.get(q.i)
            if not places_q or q.lemma != p.lemma or q.modal or q.negated != p.negated:
                continue
            if not _same_named_doer_or_object(a, b, p, q):
                continue  # "a 37-year-old man was arrested in Chicago" / "a 20-year-old man …"
                continue
            if p.lemma not in ONE_OFF_EVENTS and not _same_dates(
                event_dates(p, a), event_dates(q, b)
            ):
                continue  # "flew to Paris" / "flew to Rome": two trips unless the date is one
            for prep in places_p.keys() & places_q.keys():
                x, y = places_p[prep], places_q[prep]
                if not (x & b.slots.names) and not (y & a.slots.names):
                    return (
                        0.75,
                        f"'{p.lemma} {prep}' {'/'.join(sorted(x))} vs {'/'.join(sorted(y))}",
                    )
    return None


def _typed_clash(x: frozenset[str], y: frozenset[str]) -> tuple[str, str] | None:
    """Names of one kind on each side that the other lacks ("ORG:florida" / "ORG:texas");
    a name of another kind is not a clash ("a U.S. agent" / "a CIA agent"), nor an
    abbreviation of the other side's name ("Ind." / "Indiana")."""
    for label in {n.split(":", 1)[0] for n in x} & {n.split(":", 1)[0] for n in y}:
        only_x = {n.split(":", 1)[1] for n in x - y if n.startswith(label + ":")}
        only_y = {n.split(":", 1)[1] for n in y - x if n.startswith(label + ":")}
        only_x = {w for w in only_x if not any(_abbreviates(w, v) for v in only_y)}
        only_y = {w for w in only_y if not any(_abbreviates(w, v) for v in only_x)}
        if only_x and only_y:
            return "/".join(sorted(only_x)), "/".join(sorted(only_y))
    return None


def _abbreviates(u: str, v: str) -> bool:
    u, v = u.rstrip("."), v.rstrip(".")
    return u.startswith(v) or v.startswith(u)


def check_role(a: Frame, b: Frame) -> tuple[float, str] | None:
    """The same person given the same role with another field or institution: "Chopra, a
    professor of microbiology at the University of Texas" / "Chopra is a professor of history
    at the University of Florida". A role with more detail on one side only is not a clash."""
    if a.question or b.question:
        return None
    for person in a.slots.roles.keys() & b.slots.roles.keys():
        noun_a, names_a, of_a = a.slots.roles[person]
        noun_b, names_b, of_b = b.slots.roles[person]
        if noun_a != noun_b:
            continue
        clash = _typed_clash(names_a, names_b)
        if clash:
            return 0.7, f"{person}: '{noun_a}' of {clash[0]} vs {clash[1]}"
        if of_a and of_b and not (of_a & of_b):
            return 0.7, f"{person}: '{noun_a}' of {'/'.join(sorted(of_a))} vs " + (
                "/".join(sorted(of_b))
            )
    return None
