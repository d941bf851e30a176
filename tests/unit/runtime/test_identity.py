from stint_runtime import identity
from stint_runtime.identity import Caller


def test_signed_identity_round_trips() -> None:
    caller = Caller(account_id="a1", role="employer", organization_id="o1")
    metadata = dict(identity.to_metadata(caller, "s3cret"))
    assert identity.from_metadata(metadata, "s3cret") == caller


def test_identity_signed_with_another_secret_is_refused() -> None:
    caller = Caller(account_id="a1", role="employer", organization_id="o1")
    metadata = dict(identity.to_metadata(caller, "other"))
    assert identity.from_metadata(metadata, "s3cret") is None


def test_tampered_role_is_refused() -> None:
    caller = Caller(account_id="a1", role="student")
    metadata = dict(identity.to_metadata(caller, "s3cret"))
    metadata[identity.ROLE_KEY] = "employer"
    assert identity.from_metadata(metadata, "s3cret") is None


def test_unknown_role_and_missing_account_are_anonymous() -> None:
    assert identity.from_metadata({}, "s3cret") is None
    assert (
        identity.from_metadata({identity.ACCOUNT_ID_KEY: "a", identity.ROLE_KEY: "admin"}, "s")
        is None
    )
