"""Throughput of the text normalisation run on every page: ``normalize_text`` (NFC, tone
placement, spaces, invisible characters) and ``canonical_tones`` alone.

    .venv/bin/python -m bench.normalize_speed [CORPUS_DIR] [--megabytes 4] [--repeats 5]

Joins every ``texts/*.txt`` of the corpus (default: the shared corpus; a repeated
sentence if it has none), repeats it to about ``--megabytes`` MB, and times each function
``--repeats`` times with the process's CPU clock (less disturbed by other processes than
wall time on a shared machine); prints the best and the median MB/s. Then times
``clean_text`` on 20k, 40k and 80k characters of hostile shapes (one word of letters, one of
a repeated syllable, a run of words broken at line ends that join one round after another):
the time should double with the length, not quadruple.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from indexer.normalize import canonical_tones, clean_text, normalize_text

_FALLBACK = "Ủy ban nhân dân tỉnh Khánh Hoà quyết định thuỷ lợi.\n" * 500
_HOSTILE = {  # name: (start, repeated unit)
    "a word of letters": ("", "a"),
    "a word of syllables": ("", "nguyễn"),
    "broken words": ("xyz-\n", "tế-\n"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    texts = [path.read_text("utf-8") for path in sorted((args.corpus / "texts").glob("*.txt"))]
    sample = "\n".join(texts) or _FALLBACK
    text = sample * max(1, int(args.megabytes * 1e6) // len(sample.encode("utf-8")))
    size = len(text.encode("utf-8"))
    for name, function in (
        ("normalize_text", normalize_text),
        ("canonical_tones", canonical_tones),
    ):
        rates = _rates(function, text, size, args.repeats)
        print(
            f"{name}: best {max(rates):.1f} MB/s, median {statistics.median(rates):.1f} MB/s "
            f"over {size / 1e6:.1f} MB"
        )
    _hostile()


def _hostile() -> None:
    """Seconds ``clean_text`` takes on each hostile shape, at three lengths."""
    for name, (start, unit) in _HOSTILE.items():
        times = []
        for length in (20_000, 40_000, 80_000):
            text = start + unit * (length // len(unit))
            started = time.process_time()
            clean_text(text)
            times.append(f"{length // 1000}k {time.process_time() - started:.4f} s")
        print(f"clean_text on {name}: " + ", ".join(times))


def _rates(function: Callable[[str], str], text: str, size: int, repeats: int) -> list[float]:
    function(text[:10_000])  # tables built on first use are not timed
    rates = []
    for _ in range(repeats):
        started = time.process_time()
        function(text)
        rates.append(size / max(time.process_time() - started, 1e-9) / 1e6)
    return rates


if __name__ == "__main__":
    main()
