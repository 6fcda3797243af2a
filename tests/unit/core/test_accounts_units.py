"""Password policy, TOTP, filenames and production settings: the pure parts."""

from __future__ import annotations

from pathlib import Path

import pyotp
import pytest

from records.config import ConfigError, load_settings
from records.errors import RuleError
from records.intake import clean_filename
from records.models import User
from records.passwords import check_password
from records.totp import matching_step, provisioning_uri, verify


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("ngan", "too_short"),
        ("elevenchars", "too_short"),
        ("nguyen.van.a-2026!", "username"),
        ("NGUYEN.VAN.A.Hoa", "username"),
        ("123456789012", "common"),
        ("Password1234", "common"),
        ("aaaaaaaaaaaaaaa", "common"),
        ("abababababababab", "common"),
        ("abcdefghijklmn", "common"),
        ("98765432109876", "common"),
    ],
)
def test_weak_passwords_are_refused(password: str, reason: str) -> None:
    with pytest.raises(RuleError) as refused:
        check_password(password, "nguyen.van.a")
    assert refused.value.code == f"password.{reason}"


@pytest.mark.parametrize(
    "password", ["Sông Hồng chảy qua 3 tỉnh", "correct-horse-battery", "x9$Lq2!vB7#m"]
)
def test_good_passwords_pass(password: str) -> None:
    check_password(password, "nguyen.van.a")


def test_totp_codes_within_the_drift_and_only_once() -> None:
    secret = pyotp.random_base32()
    user = User(username="a", totp_secret=secret)
    now = 1_800_000_000.0
    totp = pyotp.TOTP(secret)
    assert matching_step(secret, totp.at(now - 30), now=now) == int(now // 30) - 1
    assert matching_step(secret, totp.at(now - 90), now=now) is None
    assert matching_step(secret, "12 34 5x", now=now) is None
    assert verify(user, totp.at(now), now=now)
    assert not verify(user, totp.at(now), now=now)  # replayed
    assert not verify(user, totp.at(now - 30), now=now)  # older than the last one used
    assert verify(user, totp.at(now + 30), now=now + 30)
    assert provisioning_uri("a", secret).startswith("otpauth://totp/hoso:a?secret=")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system.ini", "system.ini"),
        ("/abs/path/báo cáo.pdf", "báo cáo.pdf"),
        ("a\x00b\r\n.pdf", "ab.pdf"),
        ("..", ".."),
        ("", "unnamed"),
        ("x" * 300 + ".pdf", "x" * 255),
    ],
)
def test_filenames_are_display_names_never_paths(name: str, shown: str) -> None:
    assert clean_filename(name) == shown
    assert "/" not in clean_filename(name) and "\\" not in clean_filename(name)


@pytest.mark.parametrize("secret", ["", "changeme", "test-secret-key", "too-short-1234"])
def test_production_refuses_missing_or_weak_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, secret: str
) -> None:
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOSO_ENV", "production")
    monkeypatch.setenv("HOSO_SECRET_KEY", secret)
    with pytest.raises(ConfigError, match="HOSO_SECRET_KEY"):
        load_settings()


def test_production_accepts_a_long_random_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOSO_ENV", "production")
    monkeypatch.setenv("HOSO_SECRET_KEY", "9f" * 32)
    assert load_settings().production


def test_unknown_environment_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOSO_ENV", "prod")
    with pytest.raises(ConfigError, match="HOSO_ENV"):
        load_settings()
