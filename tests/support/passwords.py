"""Cheap password hashing for the accounts the tests create and sign in.

hoso hashes with argon2id's RFC 9106 low-memory profile (64 MiB, three passes): more than
half a second a hash or a sign-in on the shared CI machine, and the tests create and sign
in hundreds of accounts. The test process hashes with argon2's cheapest profile instead.
Each hash carries its parameters, so either hasher verifies the other's hashes (a server or
worker started as a subprocess keeps the strong one). ``test_password_hashing`` checks that
hoso itself still hashes with the strong profile.
"""

from __future__ import annotations

from argon2 import PasswordHasher, profiles

from records import accounts

CHEAP = PasswordHasher.from_parameters(profiles.CHEAPEST)


def use_cheap_hashing() -> None:
    """Hash and verify with :data:`CHEAP` in this process (tests only)."""
    accounts._hasher = CHEAP
    accounts.dummy_hash.cache_clear()
