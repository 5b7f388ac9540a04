"""The batch runner: many pages, N worker processes, one writer, the store as the ledger.

Modules: ``runner`` (ingest(): reader → pool → writer), ``pool`` (worker processes with a hard
deadline and memory budget), ``worker`` (one process's loop), ``memory`` (RSS from /proc),
``summary`` (the counts and the final line), ``importer`` (an exported Parquet folder back
into a store), ``progress`` and ``cli`` (the ``ingest``/``export``/``stats``/``import`` commands).
"""

from presslens.batch.runner import Event, IngestOptions, ingest
from presslens.batch.summary import IngestSummary

__all__ = ["Event", "IngestOptions", "IngestSummary", "ingest"]
