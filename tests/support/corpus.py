"""Where the shared corpus of real documents is: ``$HOSO_CORPUS_DIR``, else the first
``shared/corpus`` beside the repository or one of its parent folders (a clone in
``/work/main`` and a worktree in ``/work/wt/<branch>`` both find ``/work/shared/corpus``)."""

from __future__ import annotations

import os
from pathlib import Path

VARIABLE = "HOSO_CORPUS_DIR"
_REPOSITORY = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path:
    chosen = os.environ.get(VARIABLE)
    if chosen:
        return Path(chosen)
    for folder in _REPOSITORY.parents:
        candidate = folder / "shared" / "corpus"
        if candidate.is_dir():
            return candidate
    return _REPOSITORY.parent / "shared" / "corpus"


CORPUS = corpus_dir()
