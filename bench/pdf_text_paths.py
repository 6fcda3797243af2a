"""Text-PDF extraction per document: the PDFium path against pdfminer, in the same run.

    .venv/bin/python bench/pdf_text_paths.py [--corpus /work/shared/corpus] [--generated DIR]
        [--rounds 3] [--out bench/results/pdf_text_paths.json]

Both are ``indexer.extract.pdf.extract_pdf`` (``pdfium=False`` reads every page with
pdfminer, as hoso did before), on the corpus's PDFs with a text layer and, with
``--generated``, the text PDFs of a ``bench.generator`` output folder. Times are CPU
seconds of this process (the machine is shared: wall time would measure the neighbours),
the median over the rounds of each document, the two paths alternating document by
document so a change in load touches both alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from indexer.extract import ExtractLimits
from indexer.extract.pdf import extract_pdf

LIMITS = ExtractLimits()
DEFAULT_OUT = Path(__file__).parent / "results" / "pdf_text_paths.json"


def text_pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "files").glob("*.pdf") if ".scan." not in p.name)


def cpu_ms(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return (time.process_time() - start) * 1000


def measure(paths: list[Path], rounds: int) -> dict[str, object]:
    pdfium: dict[Path, list[float]] = {path: [] for path in paths}
    pdfminer: dict[Path, list[float]] = {path: [] for path in paths}
    for _ in range(rounds):
        for path in paths:
            pdfium[path].append(cpu_ms(lambda p=path: extract_pdf(p, LIMITS)))
            pdfminer[path].append(cpu_ms(lambda p=path: extract_pdf(p, LIMITS, pdfium=False)))
    fast = [statistics.median(pdfium[path]) for path in paths]
    slow = [statistics.median(pdfminer[path]) for path in paths]
    return {
        "documents": len(paths),
        "pdfium_ms_mean": round(statistics.mean(fast), 1),
        "pdfium_ms_median": round(statistics.median(fast), 1),
        "pdfminer_ms_mean": round(statistics.mean(slow), 1),
        "pdfminer_ms_median": round(statistics.median(slow), 1),
        "speed_up_total": round(sum(slow) / sum(fast), 2),
        "speed_up_per_document_median": round(
            statistics.median(s / f for s, f in zip(slow, fast, strict=True)), 2
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--generated", type=Path, help="a bench.generator --out folder")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    sets = {"corpus": text_pdfs(args.corpus)}
    if args.generated:
        sets["generated"] = text_pdfs(args.generated)
    extract_pdf(sets["corpus"][0], LIMITS)  # warm-up: imports, syllable tables
    report = {name: measure(paths, args.rounds) for name, paths in sets.items()}
    report["rounds"] = args.rounds
    report["time"] = "CPU time of this process, median of the rounds per document"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
