"""The extractors' normalised view of a source text: see ingest/normalise.py (one implementation, read by
ingest for its tokens, by graph for extraction and by search for the sentences it matches)."""
from ingest.normalise import View, is_wrap, view, wrap_width

__all__ = ["View", "is_wrap", "view", "wrap_width"]
