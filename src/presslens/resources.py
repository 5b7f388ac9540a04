"""Where shipped files live: the models travel inside the package, so a wheel finds them.

Why a function and not a path constant per layer: an installed wheel outside the checkout, a
packed Spark environment and the checkout all resolve the same way, and ``PRESSLENS_MODELS``
lets a deployment keep models elsewhere (a shared volume) without rebuilding the wheel.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_MODELS = Path(__file__).resolve().parent / "models"


def models_root() -> Path:
    """The folder holding one sub-folder per layer's model ($PRESSLENS_MODELS overrides)."""
    override = os.environ.get("PRESSLENS_MODELS")
    return Path(override) if override else PACKAGE_MODELS


def model_dir(layer: str) -> Path:
    """The model folder of one layer, e.g. ``model_dir("techniques")``."""
    return models_root() / layer
