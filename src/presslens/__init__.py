"""PressLens: take news articles apart — clean text, metadata and standoff annotation layers.

The public API is flat: ``extract`` and ``analyze`` take a path, '-' or URL and return a
:class:`Document`. The library never configures logging (a NullHandler only).
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

# The subpackage presslens.extract must be imported before the function of the same name is
# bound below: importing a subpackage later would rebind the package attribute to the module.
import presslens.extract  # noqa: E402, F401, I001
from presslens.document import SCHEMA_ID, Document, Metadata, Source  # noqa: E402
from presslens.errors import PressLensError  # noqa: E402
from presslens.pipeline import Pipeline, analyze, extract  # noqa: E402
from presslens.settings import Settings, load_settings  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "SCHEMA_ID",
    "Document",
    "Metadata",
    "Pipeline",
    "PressLensError",
    "Settings",
    "Source",
    "__version__",
    "analyze",
    "extract",
    "load_settings",
]
