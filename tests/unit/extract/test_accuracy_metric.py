"""The accuracy metric the corpus tests rely on must itself be right."""

from hypothesis import given
from hypothesis import strategies as st

from tests.unit.extract.accuracy import char_accuracy, levenshtein


def table_levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@given(st.text(alphabet="abcđ ", max_size=80), st.text(alphabet="abcđ ", max_size=80))
def test_bit_parallel_distance_equals_the_table(a: str, b: str) -> None:
    assert levenshtein(a, b) == table_levenshtein(a, b)


def test_known_distances() -> None:
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("Hòa Bình", "Hoà Bình") == 2
    assert levenshtein("", "abc") == 3


def test_accuracy_ignores_whitespace_and_normalisation_but_not_letters() -> None:
    assert char_accuracy("Cộng  hòa\nxã hội", "Cộng hòa xã hội") == 1.0
    assert char_accuracy("Cong hoa xa hoi", "Cộng hòa xã hội") < 0.8
    assert char_accuracy("", "Cộng hòa") == 0.0
