"""Character accuracy of extracted text against ground truth: 1 - edit distance / length."""

from __future__ import annotations

from indexer.normalize import normalize_text


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions of one character each).

    Myers' bit-parallel algorithm (Hyyrö's formulation for Levenshtein distance), one big
    integer per column of the classic table; checked against the table in the tests.
    """
    if not a or not b:
        return len(a) + len(b)
    peq: dict[str, int] = {}
    for i, char in enumerate(a):
        peq[char] = peq.get(char, 0) | (1 << i)
    mask = (1 << len(a)) - 1
    last = 1 << (len(a) - 1)
    pv, mv, score = mask, 0, len(a)
    for char in b:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & last:
            score += 1
        elif mh & last:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
    return score


def flatten(text: str) -> str:
    """Normalised (NFC, tones...) with every run of whitespace made one space."""
    return " ".join(normalize_text(text).split())


def char_accuracy(extracted: str, truth: str) -> float:
    hyp, ref = flatten(extracted), flatten(truth)
    return max(0.0, 1 - levenshtein(hyp, ref) / max(len(ref), 1))
