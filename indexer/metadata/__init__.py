"""Metadata of Vietnamese administrative and Party documents and petitions, from their text.

Pure functions: ``extract_metadata(text, header_left=..., header_right=...)`` returns a
``DocumentMetadata``; ``number_key``/``number_search_keys`` normalise document numbers for
exact search; ``mentioned_agencies`` tags the ten coordinating bodies a text names.
"""

from indexer.metadata.agencies import mentioned_agencies
from indexer.metadata.extract import extract_metadata
from indexer.metadata.model import DocumentMetadata
from indexer.metadata.numbers import number_key, number_keys, number_search_keys
from indexer.metadata.references import Reference

__all__ = [
    "DocumentMetadata",
    "Reference",
    "extract_metadata",
    "mentioned_agencies",
    "number_key",
    "number_keys",
    "number_search_keys",
]
