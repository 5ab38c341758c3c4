"""Ingest: read documents, strip web chrome, recover metadata and outline, segment and chunk."""
