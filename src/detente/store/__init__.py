"""The corpus store: an embedded DuckDB database of documents, events, actor mentions, quotes, places,
unknown names, errors, runs and event clusters (the tables are described in docs/store.md). All of detente's SQL is in
this package; the rest of detente asks the store.

- `schema`: the tables, their columns, the check that a database has them.
- `rows`: coded documents as Arrow tables, a batch at a time (no database).
- `database`: `Store`, the open database, and `StoreWriter`, what writes to it (batches, runs).
- `failures`: what DuckDB's errors mean for a store (locked, damaged, not writable).
- `clusters`: event clusters across documents, built by the store at the end of an ingest.
- `filters`, `reading`: `StoreReader`, what the CLI, the web and the feed watcher read.
- `analytics_queries`: the rows behind dyad series, actor profiles and flags.
- `export`: events to Parquet, CSV, JSON lines or PLOVER records.

Importing this package loads neither DuckDB nor pyarrow; they load when a store is opened.
"""
from __future__ import annotations

from .analytics_queries import (AID, CONTRARY, EVIDENCE_COLUMNS, FIGHT, FIGHT_BACK, INTENT, PERIODS, TALK,
                                FlagCodes)
from .clusters import build_clusters
from .database import INGEST_MEMORY_LIMIT, Store, StoreWriter
from .export import EXPORT_FORMATS
from .filters import DocumentFilter, EventFilter
from .reading import (CLUSTER_FIELDS, DOCUMENT_FIELDS, EVENT_FIELDS, LISTED_DOCUMENT_FIELDS, NETWORK_LEVELS,
                      QUOTE_KEYS, UNKNOWN_NAME_FIELDS, UNKNOWN_NAME_ORDERS, StoreReader)
from .rows import batch_tables, doc_key, event_row
from .schema import SCHEMA, SERVED_TABLES, TABLES, table_columns

__all__ = ["AID", "CLUSTER_FIELDS", "CONTRARY", "DOCUMENT_FIELDS", "EVENT_FIELDS", "EVIDENCE_COLUMNS", "EXPORT_FORMATS",
           "FIGHT", "FIGHT_BACK", "INGEST_MEMORY_LIMIT", "INTENT", "LISTED_DOCUMENT_FIELDS", "NETWORK_LEVELS",
           "PERIODS", "QUOTE_KEYS", "SCHEMA", "SERVED_TABLES", "TABLES", "TALK", "UNKNOWN_NAME_FIELDS",
           "UNKNOWN_NAME_ORDERS", "DocumentFilter", "EventFilter",
           "FlagCodes", "Store", "StoreReader", "StoreWriter", "batch_tables", "build_clusters", "doc_key", "event_row",
           "table_columns"]
