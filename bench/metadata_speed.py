"""CPU time of ``extract_metadata`` per document, over the texts of one or more corpora.

    .venv/bin/python -m bench.metadata_speed [CORPUS_DIR ...]

Reads every ``texts/*.txt`` of each corpus (default: the shared corpus), warms up once,
then times ``--passes`` passes over all texts ``--repeats`` times with the process's CPU
clock (less disturbed by other processes than wall time on a shared machine) and prints
the best and the median milliseconds per document.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from indexer.metadata import extract_metadata


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=[Path("/work/shared/corpus")])
    parser.add_argument("--passes", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    texts = [
        path.read_text(encoding="utf-8")
        for corpus in args.corpora
        for path in sorted((corpus / "texts").glob("*.txt"))
    ]
    if not texts:
        raise SystemExit("no texts/*.txt in the given corpora")
    for text in texts:
        extract_metadata(text)
    per_document = []
    for _ in range(args.repeats):
        started = time.process_time()
        for _ in range(args.passes):
            for text in texts:
                extract_metadata(text)
        per_document.append((time.process_time() - started) / (args.passes * len(texts)))
    print(
        f"{len(texts)} texts: best {min(per_document) * 1000:.3f} ms, "
        f"median {statistics.median(per_document) * 1000:.3f} ms of CPU per document"
    )


if __name__ == "__main__":
    main()
