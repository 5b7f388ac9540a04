"""Initial store: outlets, collections, documents, annotations, provenance, failures,
corrections, claim clusters/appearances, the near-duplicate band index and full-text search.

Written out column by column (not ``metadata.create_all``) so this revision stays what it was
when later revisions change ``presslens.store.schema``; ``tests/store/test_schema.py`` checks
that upgrading to head gives exactly the tables of ``schema.py`` on both engines.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Full-text search over title + text, in a side table named documents_fts on both engines.
# SQLite: an FTS5 external-content table (no second copy of the text) kept in sync by
# triggers, so the index changes in the document's transaction.
# No stemming on either engine ('unicode61' / 'simple'): the corpus is multilingual and both
# engines must give the same hits for the same query.
SQLITE_FTS = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
]
# PostgreSQL: the same side table, ``documents_fts(document_id, vector)`` with a GIN index,
# filled by a trigger in the document's transaction. A stored vector (not an expression index)
# because ranking and filtering need the vector of every match, and re-parsing hundreds of
# texts per query costs seconds.
POSTGRES_FTS = [
    """CREATE TABLE documents_fts (
        document_id VARCHAR(64) PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        vector TSVECTOR NOT NULL)""",
    "CREATE INDEX ix_documents_fts_vector ON documents_fts USING GIN (vector)",
    """CREATE FUNCTION documents_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO documents_fts (document_id, vector)
        VALUES (NEW.id, to_tsvector('simple'::regconfig, coalesce(NEW.title, '') || ' ' || NEW.text))
        ON CONFLICT (document_id) DO UPDATE SET vector = EXCLUDED.vector;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER documents_fts_sync AFTER INSERT OR UPDATE OF title, text ON documents
        FOR EACH ROW EXECUTE FUNCTION documents_fts_sync()""",
]


def _ts() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("domains", sa.JSON, nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("language", sa.String(16)),
        sa.Column("kind", sa.String(40)),
        sa.Column("tags", sa.JSON, nullable=False),
    )
    op.create_table(
        "collections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("description", sa.Text),
    )
    op.create_table(
        "outlet_collections",
        sa.Column(
            "outlet_id",
            sa.Integer,
            sa.ForeignKey("outlets.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "collection_id",
            sa.Integer,
            sa.ForeignKey("collections.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_outlet_collections_collection", "outlet_collections", ["collection_id"])
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("uri", sa.Text, nullable=False),
        sa.Column("canonical_url", sa.Text),
        sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id")),
        sa.Column("published", sa.String(40)),
        sa.Column("published_at", _ts()),
        sa.Column("month", sa.String(7)),
        sa.Column("language", sa.String(16)),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("contract", sa.Text, nullable=False),
        sa.Column("schema", sa.String(40), nullable=False),
        sa.Column("stored_at", _ts(), nullable=False),
        sa.Column("duplicate_of", sa.String(64), sa.ForeignKey("documents.id")),
        sa.Column("duplicate_similarity", sa.Float),
        sa.Column("agency", sa.String(80)),
    )
    for name, cols in (
        ("ix_documents_outlet_month", ["outlet_id", "month"]),
        ("ix_documents_month", ["month"]),
        ("ix_documents_published_at", ["published_at"]),
        ("ix_documents_language", ["language"]),
        ("ix_documents_duplicate_of", ["duplicate_of"]),
        ("ix_documents_canonical_url", ["canonical_url"]),
    ):
        op.create_index(name, "documents", cols)
    op.create_table(
        "annotations",
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("layer", sa.String(40), primary_key=True),
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("label", sa.String(200)),
        sa.Column("score", sa.Float),
        sa.Column("attributes", sa.JSON, nullable=False),
    )
    op.create_index("ix_annotations_layer_label", "annotations", ["layer", "label", "document_id"])
    op.create_index("ix_annotations_layer_score", "annotations", ["layer", "score"])
    op.create_table(
        "provenance",
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("layer", sa.String(40), primary_key=True),
        sa.Column("component", sa.String(120)),
        sa.Column("version", sa.String(40)),
        sa.Column("model", sa.String(128)),
        sa.Column("seconds", sa.Float),
        sa.Column("skipped", sa.Text),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uri", sa.Text, nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("at", _ts(), nullable=False),
    )
    op.create_index("ix_failures_uri", "failures", ["uri"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("layer", sa.String(40), nullable=False),
        sa.Column("annotation_id", sa.String(80)),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("model_version", sa.String(80)),
        sa.Column("score", sa.Float),
        sa.Column("author", sa.String(200)),
        sa.Column("created_at", _ts(), nullable=False),
    )
    op.create_index("ix_corrections_document_layer", "corrections", ["document_id", "layer"])
    op.create_index("ix_corrections_layer_action", "corrections", ["layer", "action"])
    op.create_table(
        "claim_clusters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("canonical_text", sa.Text, nullable=False),
        sa.Column(
            "first_document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="SET NULL"),
        ),
        sa.Column("first_published", _ts()),
        sa.Column("n_appearances", sa.Integer, nullable=False),
        sa.Column("n_outlets", sa.Integer, nullable=False),
        sa.Column("created_at", _ts(), nullable=False),
        sa.Column("updated_at", _ts(), nullable=False),
    )
    op.create_index("ix_claim_clusters_first_published", "claim_clusters", ["first_published"])
    op.create_index("ix_claim_clusters_n_outlets", "claim_clusters", ["n_outlets"])
    op.create_table(
        "claim_appearances",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "cluster_id",
            sa.Integer,
            sa.ForeignKey("claim_clusters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("annotation_id", sa.String(80), nullable=False),
        sa.Column("similarity", sa.Float),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("presentation", sa.String(12)),
        sa.Column("credited_to", sa.Text),
        sa.Column("published", _ts()),
        sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id")),
    )
    op.create_index("ix_claim_appearances_cluster", "claim_appearances", ["cluster_id", "status"])
    op.create_index(
        "ix_claim_appearances_document", "claim_appearances", ["document_id", "annotation_id"]
    )
    op.create_index("ix_claim_appearances_outlet", "claim_appearances", ["outlet_id"])
    op.create_table(
        "shingle_bands",
        sa.Column("band", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("hash", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_shingle_bands_document", "shingle_bands", ["document_id"])

    statements = SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else POSTGRES_FTS
    for sql in statements:
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("documents_fts_ai", "documents_fts_ad", "documents_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    else:
        op.execute("DROP TRIGGER IF EXISTS documents_fts_sync ON documents")
        op.execute("DROP FUNCTION IF EXISTS documents_fts_sync()")
    op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in (
        "shingle_bands",
        "claim_appearances",
        "claim_clusters",
        "corrections",
        "failures",
        "provenance",
        "annotations",
        "documents",
        "outlet_collections",
        "collections",
        "outlets",
    ):
        op.drop_table(table)
