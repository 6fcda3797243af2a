"""hoso hashes passwords with argon2id's strong profile; only the test process is cheaper."""

from __future__ import annotations

import subprocess
import sys

from argon2 import PasswordHasher, profiles

from records import accounts
from tests.support.passwords import CHEAP

STRONG = profiles.RFC_9106_LOW_MEMORY
SCRIPT = """
import sys
from records import accounts
print(accounts.hash_password("mat-khau"))
print(accounts.verify_password(sys.argv[1], "mat-khau"))
"""


def test_a_fresh_hoso_process_hashes_with_the_strong_profile() -> None:
    cheap_hash = CHEAP.hash("mat-khau")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, cheap_hash], capture_output=True, text=True, check=True
    )
    strong_hash, verified = done.stdout.split()
    prefix = f"$argon2id$v=19$m={STRONG.memory_cost},t={STRONG.time_cost},p={STRONG.parallelism}$"
    assert strong_hash.startswith(prefix)
    assert verified == "True"  # a test account's hash still signs in to a hoso subprocess
    assert PasswordHasher().check_needs_rehash(strong_hash) is False


def test_the_test_process_hashes_cheaply_and_verifies_strong_hashes() -> None:
    assert accounts.hash_password("mat-khau").startswith("$argon2id$v=19$m=8,t=1,p=1$")
    strong_hash = PasswordHasher.from_parameters(STRONG).hash("mat-khau")
    assert accounts.verify_password(strong_hash, "mat-khau")
