import stat
from pathlib import Path

from stint_devstack import credentials


def test_secrets_are_made_once_per_data_dir_and_kept_private(tmp_path: Path) -> None:
    first = credentials.load_or_create(tmp_path, ["listing", "gateway"], environ={})
    again = credentials.load_or_create(tmp_path, ["listing", "gateway"], environ={})
    assert first == again
    assert len(first.internal_secret) >= 32
    assert first.internal_secret != first.jwt_secret
    assert first.role_passwords["listing"] != first.role_passwords["gateway"]
    mode = (tmp_path / credentials.FILE_NAME).stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_another_data_dir_gets_other_secrets(tmp_path: Path) -> None:
    one = credentials.load_or_create(tmp_path / "a", ["listing"], environ={})
    other = credentials.load_or_create(tmp_path / "b", ["listing"], environ={})
    assert one.internal_secret != other.internal_secret


def test_a_new_service_gets_a_password_and_the_others_keep_theirs(tmp_path: Path) -> None:
    first = credentials.load_or_create(tmp_path, ["listing"], environ={})
    later = credentials.load_or_create(tmp_path, ["listing", "application"], environ={})
    assert later.role_passwords["listing"] == first.role_passwords["listing"]
    assert later.role_passwords["application"]


def test_the_environment_overrides_the_stored_secrets(tmp_path: Path) -> None:
    stored = credentials.load_or_create(tmp_path, ["listing"], environ={})
    found = credentials.load_or_create(
        tmp_path,
        ["listing"],
        environ={"STINT_INTERNAL_SECRET": "from-env-i", "STINT_JWT_SECRET": "from-env-j"},
    )
    assert (found.internal_secret, found.jwt_secret) == ("from-env-i", "from-env-j")
    # The override is not written back: without it, the stored secrets come back.
    assert credentials.load_or_create(tmp_path, ["listing"], environ={}) == stored


def test_the_credential_signing_key_is_a_private_ed25519_jwk_kept_between_runs(
    tmp_path: Path,
) -> None:
    import json

    first = credentials.load_or_create(tmp_path, ["reputation"], environ={})
    key = json.loads(first.signing_key)
    assert (key["kty"], key["crv"]) == ("OKP", "Ed25519")
    assert key["d"] and key["x"] and key["kid"]
    assert credentials.load_or_create(tmp_path, ["reputation"], environ={}) == first
    other = credentials.load_or_create(tmp_path / "other", ["reputation"], environ={})
    assert other.signing_key != first.signing_key
