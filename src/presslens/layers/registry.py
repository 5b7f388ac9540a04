"""The component registry: every annotation layer is a component registered by versioned name.

Why a registry: a component declares what it reads (``needs``) and writes (``assigns``), so the
pipeline can check the order before it runs and fill ``provenance`` without knowing any layer
(spaCy's ``Language.factory`` habit). Adding a layer is one package under ``layers/`` whose
``component.py`` calls :func:`register` — packages here are discovered automatically.

A component factory takes :class:`~presslens.settings.Settings` and the Pipeline's
:class:`~presslens.context.Models` (models loaded once per Pipeline, shared between components)
and returns an *annotator*: a callable ``(Document, Context) -> list[dict]`` producing the
layer's annotations. The :class:`~presslens.context.Context` carries the shared spaCy parse,
the deadline, the language and the settings; a component never runs another layer itself. An
annotator may carry a ``model`` attribute (sha256 of its model file) that goes into provenance.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from presslens.errors import PipelineError


class Annotator(Protocol):
    def __call__(self, doc: Any, ctx: Any) -> list[dict[str, Any]]: ...


Factory = Callable[..., Annotator]


@dataclass(frozen=True)
class ComponentSpec:
    """A registered component: its versioned name, the layer it writes and what it reads."""

    name: str
    assigns: str
    needs: tuple[str, ...]
    factory: Factory
    default: bool
    description: str
    languages: tuple[str, ...] | None = None  # ISO 639-1 codes it was built for; None = any
    after: tuple[str, ...] = ()  # layers it uses when present: run first if in the same run
    parses: bool = False  # reads the spaCy parse: batch runs parse its texts together first

    def supports(self, language: str | None) -> bool:
        """False only when the document's language is known and not one this component reads."""
        return self.languages is None or language is None or language in self.languages

    @property
    def version(self) -> str:
        return self.name.rsplit(".v", 1)[-1] if ".v" in self.name else "0"


_REGISTRY: dict[str, ComponentSpec] = {}
_DISCOVERED = False

# Layers written by extraction itself, never by a component.
EXTRACTION_LAYERS = ("paragraphs",)


def register(
    name: str,
    *,
    assigns: str,
    needs: tuple[str, ...] = (),
    default: bool = True,
    description: str = "",
    languages: tuple[str, ...] | None = None,
    after: tuple[str, ...] = (),
    parses: bool = False,
) -> Callable[[Factory], Factory]:
    """Register a component factory under ``name`` (``presslens.<layer>.v<N>``).

    ``languages`` names the languages the component's model or rules were built for: on a page
    in another language the pipeline writes an empty layer and says why in provenance, rather
    than letting an English NER model label Cyrillic words as people. ``after`` names layers
    the component reads when they exist but does not require (claims link quantities): they are
    not pulled into a run, but when they are in it they run first. ``parses`` says the
    component reads the spaCy parse (``ctx.parse()``), so ``Pipeline.pipe`` parses a batch's
    texts together with ``nlp.pipe`` before running it.
    """
    if ".v" not in name:
        raise PipelineError(f"component name {name!r} must end in .v<version>")

    def decorator(factory: Factory) -> Factory:
        if name in _REGISTRY and _REGISTRY[name].factory is not factory:
            raise PipelineError(f"component {name!r} registered twice")
        doc = description or (factory.__doc__ or "").strip().splitlines()[0:1]
        _REGISTRY[name] = ComponentSpec(
            name=name,
            assigns=assigns,
            needs=tuple(needs),
            factory=factory,
            default=default,
            description=doc if isinstance(doc, str) else (doc[0] if doc else ""),
            languages=tuple(languages) if languages else None,
            after=tuple(after),
            parses=parses,
        )
        return factory

    return decorator


def discover() -> None:
    """Import each layer package's ``component`` module once so its registration runs.

    A layer is a sub-package of ``presslens.layers`` with a ``component.py``; adding one is
    that package and nothing else.
    """
    global _DISCOVERED
    if _DISCOVERED:
        return
    import presslens.layers as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.ispkg:
            importlib.import_module(f"presslens.layers.{module.name}.component")
    _DISCOVERED = True


def components() -> dict[str, ComponentSpec]:
    """All registered components by name (after discovery)."""
    discover()
    return dict(sorted(_REGISTRY.items()))


def component_for_layer(layer: str) -> ComponentSpec:
    """The default component writing ``layer`` (the highest version if several are default)."""
    candidates = [c for c in components().values() if c.assigns == layer]
    if not candidates:
        known = sorted({c.assigns for c in components().values()} | set(EXTRACTION_LAYERS))
        raise PipelineError(f"unknown layer {layer!r}; known layers: {', '.join(known)}")
    defaults = [c for c in candidates if c.default] or candidates
    return max(defaults, key=lambda c: _version_key(c.version))


def resolve(names: list[str] | None) -> list[ComponentSpec]:
    """Components for the requested layers or component names, with their needs, in run order.

    ``None`` means every default layer. Order is a stable topological sort: a component runs
    after every layer it needs; a cycle or an unknown layer is a PipelineError before anything
    runs.
    """
    if names is None:
        wanted = [c for c in components().values() if c.default]
        seen: dict[str, ComponentSpec] = {}
        for c in wanted:
            if c.assigns not in seen or _version_key(c.version) > _version_key(
                seen[c.assigns].version
            ):
                seen[c.assigns] = c
        wanted = list(seen.values())
    else:
        wanted = []
        for n in names:
            if n in EXTRACTION_LAYERS:
                continue
            wanted.append(components()[n] if n in components() else component_for_layer(n))
    chosen: dict[str, ComponentSpec] = {}

    def add(spec: ComponentSpec, trail: tuple[str, ...]) -> None:
        if spec.assigns in trail:
            raise PipelineError(f"cycle in component needs: {' -> '.join(trail + (spec.name,))}")
        if spec.assigns in chosen:
            return
        for need in spec.needs:
            if need not in EXTRACTION_LAYERS:
                add(component_for_layer(need), trail + (spec.assigns,))
        chosen[spec.assigns] = spec

    for spec in sorted(wanted, key=lambda s: s.name):
        add(spec, ())
    return _order(chosen)


def _order(chosen: dict[str, ComponentSpec]) -> list[ComponentSpec]:
    """Order the chosen components so hard needs and soft ``after`` layers come first."""
    order: list[ComponentSpec] = []
    placed: set[str] = set()

    def place(spec: ComponentSpec, trail: tuple[str, ...]) -> None:
        if spec.assigns in placed:
            return
        if spec.assigns in trail:
            raise PipelineError(f"cycle in component order: {' -> '.join(trail + (spec.name,))}")
        for dep in (*spec.needs, *spec.after):
            if dep in chosen:
                place(chosen[dep], trail + (spec.assigns,))
        placed.add(spec.assigns)
        order.append(spec)

    for spec in chosen.values():
        place(spec, ())
    return order


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit()) or (0,)
