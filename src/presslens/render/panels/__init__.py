"""Report panels: one module per layer view (entity clusters, timeline, tables, charts).

A panel module defines ``LAYER`` (the layer it needs), ``ORDER`` (position in the report) and
``panel(doc) -> str`` returning escaped HTML. Modules here are discovered automatically, so a
new view is one new module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from functools import lru_cache
from types import ModuleType

from presslens.document import Document


@lru_cache(maxsize=1)
def _modules() -> list[ModuleType]:
    mods = [
        importlib.import_module(f"{__name__}.{m.name}")
        for m in pkgutil.iter_modules(__path__)
        if not m.name.startswith("_")
    ]
    return sorted(mods, key=lambda m: getattr(m, "ORDER", 100))


def panels_for(doc: Document) -> Iterator[str]:
    """Rendered panels whose layer is present in ``doc``."""
    for module in _modules():
        if module.LAYER in doc.layers and doc.layers[module.LAYER]:
            html = module.panel(doc)
            if html:
                yield html
