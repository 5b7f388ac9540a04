"""Golden registry: a renamed component, layer or changed ``needs`` fails here.

Why: stored documents record ``provenance[layer].component`` by versioned name, and users
select layers by name on the command line; a silent rename breaks both. Changing a component's
behaviour incompatibly means registering a new version (``.v2``), not editing this list.
When a new component is added, add its line here in the same commit.
"""

from __future__ import annotations

from presslens.layers.registry import components, resolve

EXPECTED = {
    "presslens.sentences.v1": ("sentences", ("paragraphs",)),
    "presslens.entities.v1": ("entities", ("sentences",)),
    "presslens.timexes.v1": ("timexes", ("sentences",)),
    "presslens.quantities.v1": ("quantities", ("sentences", "attributions", "timexes")),
    "presslens.attributions.v1": ("attributions", ("sentences", "entities")),
    "presslens.claims.v1": ("claims", ("sentences",)),
    "presslens.contradictions.v1": ("contradictions", ("sentences", "claims")),
    "presslens.techniques.v1": ("techniques", ("sentences",)),
}


def test_registry_matches_golden() -> None:
    actual = {name: (spec.assigns, spec.needs) for name, spec in components().items()}
    missing = sorted(set(EXPECTED) - set(actual))
    unexpected = sorted(set(actual) - set(EXPECTED))
    assert not missing, f"components missing from the registry: {missing}"
    assert not unexpected, f"new components: add them to EXPECTED in this file: {unexpected}"
    assert actual == EXPECTED


def test_default_order_puts_needs_first() -> None:
    order = [spec.assigns for spec in resolve(None)]
    for spec in resolve(None):
        for need in spec.needs:
            if need != "paragraphs":
                assert order.index(need) < order.index(spec.assigns), (spec.name, need)


def test_subset_pulls_in_what_it_needs() -> None:
    assert [s.assigns for s in resolve(["entities"])] == ["sentences", "entities"]
