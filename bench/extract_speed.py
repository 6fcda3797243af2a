"""Text-PDF extraction: hoso's extractor against plain pdfminer, and pypdfium2's text
against pdfminer's, page by page.

    .venv/bin/python bench/extract_speed.py [--corpus /work/shared/corpus] [--rounds 5]

Inputs: the corpus PDFs that have a text layer (not *.scan.pdf), one page each, and a
"big" PDF of all of them merged four times over (for the per-page cost once fonts are
loaded). Speed is the median of the rounds, in pages per second, on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from pdfminer.high_level import extract_text

from indexer.extract import ExtractLimits, extract
from indexer.normalize import normalize_text
from indexer.sandbox import extract_limited

LIMITS = ExtractLimits()
BIG_COPIES = 4


def pdfium_pages(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def pdfminer_pages(path: Path) -> list[str]:
    count = len(pdfium.PdfDocument(path))
    return [extract_text(path, page_numbers=[i]) for i in range(count)]


def merged(paths: list[Path], copies: int, out: Path) -> Path:
    big = pdfium.PdfDocument.new()
    for _ in range(copies):
        for path in paths:
            big.import_pages(pdfium.PdfDocument(path))
    big.save(out)
    return out


def pages_per_second(
    run: Callable[[Path], object], paths: list[Path], pages: int, rounds: int
) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for path in paths:
            run(path)
        times.append(time.perf_counter() - start)
    return pages / statistics.median(times)


def flat(text: str) -> str:
    return " ".join(text.split())


def compare(paths: list[Path]) -> None:
    """Is pypdfium2's text of a page the same as pdfminer's (plain, and hoso's)?"""
    rows = Counter()
    for path in paths:
        hoso = extract(path, limits=LIMITS).pages
        for fast, slow, ours in zip(pdfium_pages(path), pdfminer_pages(path), hoso, strict=True):
            fast_norm = normalize_text(fast)
            rows["pages"] += 1
            rows["pdfium == pdfminer (whitespace-normalised)"] += flat(fast) == flat(slow)
            rows["pdfium == hoso page text (normalised)"] += flat(fast_norm) == flat(ours)
            rows["pdfium == hoso, same words in any order"] += Counter(
                fast_norm.split()
            ) == Counter(ours.split())
            rows["pdfium text with U+FFFE line-break marks"] += "\ufffe" in fast
    print(f"\nText equality over {rows.pop('pages')} corpus PDF pages")
    for name, count in rows.items():
        print(f"  {name:48} {count:4}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paths = sorted(p for p in (args.corpus / "files").glob("*.pdf") if ".scan." not in p.name)
    pages = sum(len(pdfium.PdfDocument(p)) for p in paths)
    with tempfile.TemporaryDirectory() as tmp:
        big = merged(paths, BIG_COPIES, Path(tmp) / "big.pdf")
        big_pages = pages * BIG_COPIES
        extract(paths[0], limits=LIMITS)  # warm-up: imports, syllable tables
        methods: list[tuple[str, Callable[[Path], object]]] = [
            ("hoso extract (pdfminer layout)", lambda p: extract(p, limits=LIMITS)),
            ("pdfminer.high_level.extract_text", extract_text),
            ("pypdfium2 get_text_range", pdfium_pages),
        ]
        print(f"{'method':36} {'corpus p/s':>11} {'big p/s':>9}")
        print(f"{'':36} {f'({len(paths)} files)':>11} {f'({big_pages} p)':>9}")
        for name, run in methods:
            small = pages_per_second(run, paths, pages, args.rounds)
            large = pages_per_second(run, [big], big_pages, args.rounds)
            print(f"{name:36} {small:11.1f} {large:9.1f}")
        sandboxed = pages_per_second(lambda p: extract_limited(p, LIMITS), paths, pages, 1)
        print(f"{'hoso extract_limited (sandbox)':36} {sandboxed:11.1f} {'':>9}")
    compare(paths)


if __name__ == "__main__":
    main()
