"""The corpus store: documents, annotations, provenance, outlets — SQLite or PostgreSQL.

```python
from presslens.store import open_store, Outlet
store = open_store(None)          # $PRESSLENS_STORE, else ./presslens.db
store.add_document(doc, outlet="Name")
```
Tables are in :mod:`presslens.store.schema` (SQLAlchemy Core), migrations in
``presslens/store/migrations`` (applied by :func:`open_store`).
"""

from presslens.store.filters import DocumentFilter
from presslens.store.outlets import Outlet
from presslens.store.search import SearchHit, SearchPage
from presslens.store.store import AddResult, Collection, Failure, Store, open_store

__all__ = [
    "AddResult",
    "Collection",
    "DocumentFilter",
    "Failure",
    "Outlet",
    "SearchHit",
    "SearchPage",
    "Store",
    "open_store",
]
