"""The store's tables as SQLAlchemy Core ``Table`` objects — what other packages query.

These objects mirror Alembic migration ``0001`` exactly (a test compares the two on both
engines), so the web app, the claim tracker and the Spark runner can write
``select(schema.documents.c.title)`` without knowing which engine is behind the store.
Columns follow docs/corpus-interfaces.md §4; JSON columns hold lists/dicts, timestamps are
timezone-aware UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# Media Cloud's vocabulary: an outlet is a source of documents, a collection groups outlets.
outlets = Table(
    "outlets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("domains", JSON, nullable=False, default=list),  # first = primary, rest = alternatives
    Column("country", String(8)),
    Column("language", String(16)),
    Column("kind", String(40)),  # state_media / wire / public_broadcaster / private / …
    Column("tags", JSON, nullable=False, default=list),
)

collections = Table(
    "collections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("description", Text),
)

outlet_collections = Table(
    "outlet_collections",
    metadata,
    Column("outlet_id", Integer, ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "collection_id",
        Integer,
        ForeignKey("collections.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Index("ix_outlet_collections_collection", "collection_id"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the source bytes
    Column("uri", Text, nullable=False),
    Column("canonical_url", Text),
    Column("outlet_id", Integer, ForeignKey("outlets.id")),
    Column("published", String(40)),  # as the page gave it (ISO text, any granularity)
    Column("published_at", DateTime(timezone=True)),  # parsed, UTC; None when not parseable
    Column("month", String(7)),  # YYYY-MM of published_at: the partition and stats key
    Column("language", String(16)),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("word_count", Integer, nullable=False, default=0),
    Column("contract", Text, nullable=False),  # the whole Document as contract JSON
    Column("schema", String(40), nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
    Column("duplicate_of", String(64), ForeignKey("documents.id")),  # earliest copy
    Column("duplicate_similarity", Float),
    Column("agency", String(80)),  # dateline agency (AP, Reuters, IRNA …)
    Index("ix_documents_outlet_month", "outlet_id", "month"),
    Index("ix_documents_month", "month"),
    Index("ix_documents_published_at", "published_at"),
    Index("ix_documents_language", "language"),
    Index("ix_documents_duplicate_of", "duplicate_of"),
    Index("ix_documents_canonical_url", "canonical_url"),
)

annotations = Table(
    "annotations",
    metadata,
    Column(
        "document_id",
        String(64),
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("layer", String(40), primary_key=True),
    Column("id", String(80), primary_key=True),
    Column("start", Integer),
    Column("end", Integer),
    Column("label", String(200)),
    Column("score", Float),
    Column("attributes", JSON, nullable=False, default=dict),
    # "technique spans per outlet per month" and the search filters start from (layer, label).
    Index("ix_annotations_layer_label", "layer", "label", "document_id"),
    Index("ix_annotations_layer_score", "layer", "score"),
)

provenance = Table(
    "provenance",
    metadata,
    Column(
        "document_id",
        String(64),
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("layer", String(40), primary_key=True),
    Column("component", String(120)),
    Column("version", String(40)),
    Column("model", String(128)),
    Column("seconds", Float),
    Column("skipped", Text),  # why the layer was left empty (language), else None
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uri", Text, nullable=False),
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_failures_uri", "uri"),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "document_id",
        String(64),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("layer", String(40), nullable=False),
    Column("annotation_id", String(80)),
    # accept / reject / relabel / resize / add / checkworthy / not_checkworthy
    Column("action", String(20), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("model_version", String(80)),
    Column("score", Float),
    Column("author", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_corrections_document_layer", "document_id", "layer"),
    Index("ix_corrections_layer_action", "layer", "action"),
)

claim_clusters = Table(
    "claim_clusters",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("canonical_text", Text, nullable=False),
    Column("first_document_id", String(64), ForeignKey("documents.id", ondelete="SET NULL")),
    Column("first_published", DateTime(timezone=True)),
    Column("n_appearances", Integer, nullable=False, default=0),
    Column("n_outlets", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_claim_clusters_first_published", "first_published"),
    Index("ix_claim_clusters_n_outlets", "n_outlets"),
)

claim_appearances = Table(
    "claim_appearances",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "cluster_id",
        Integer,
        ForeignKey("claim_clusters.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column(
        "document_id",
        String(64),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("annotation_id", String(80), nullable=False),
    Column("similarity", Float),
    Column("status", String(12), nullable=False, default="merged"),  # merged/suggested/rejected
    Column("presentation", String(12)),  # fact / attributed / hedged
    Column("credited_to", Text),
    Column("published", DateTime(timezone=True)),
    Column("outlet_id", Integer, ForeignKey("outlets.id")),
    Index("ix_claim_appearances_cluster", "cluster_id", "status"),
    Index("ix_claim_appearances_document", "document_id", "annotation_id"),
    Index("ix_claim_appearances_outlet", "outlet_id"),
)

# Near-duplicate index (not in the contract's table list: internal to the store). One row per
# (MinHash band, band hash, document): documents sharing a row are candidate copies, so a new
# document is compared with a bounded handful instead of the whole corpus.
shingle_bands = Table(
    "shingle_bands",
    metadata,
    Column("band", Integer, primary_key=True, autoincrement=False),
    Column("hash", BigInteger, primary_key=True, autoincrement=False),
    Column(
        "document_id",
        String(64),
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Index("ix_shingle_bands_document", "document_id"),
)

__all__ = [
    "annotations",
    "claim_appearances",
    "claim_clusters",
    "collections",
    "corrections",
    "documents",
    "failures",
    "metadata",
    "outlet_collections",
    "outlets",
    "provenance",
    "shingle_bands",
]
