"""Who may do what, over every endpoint of the section: anonymous callers, another
student, a stranger employer and a stranger institution get 401, 403 or 404 (never
another's data), public reads answer everyone alike, and nothing changes."""

from __future__ import annotations

import uuid
from typing import Any

from tests.integration.gateway.api import Account, assert_problem, bearer
from tests.integration.reputation.api.journeys import Journeys

ANONYMOUS = "anonymous"
OUTSIDERS = ("anonymous", "student", "employer", "institution")


async def test_the_authorization_matrix(journeys: Journeys) -> None:
    domain = f"uni-{uuid.uuid4().hex[:6]}.edu"
    school = await journeys.sign_up("institution", f"registrar@{domain}", "Uni")
    settings = {"email_domains": [domain]}
    assert (
        await journeys.call("PUT", "/v1/institution/settings", school, settings)
    ).status_code == 200
    student = await journeys.sign_up("student", f"ada@{domain}")
    await journeys.known(student)
    assert (await journeys.link(student, school)).json()["status"] == "linked"
    done = await journeys.completed(student=student)
    credential = (await journeys.http.get(f"/v1/credentials/{done.credential_id}")).json()
    status_path = (
        "/v1/credentials/status/"
        + credential["credential"]["credentialStatus"]["statusListCredential"].rsplit("/", 1)[1]
    )

    others: dict[str, Account | None] = {
        ANONYMOUS: None,
        "student": await journeys.sign_up("student"),
        "employer": await journeys.sign_up("employer"),
        "institution": await journeys.sign_up("institution"),
    }
    engagement, credit = done.engagement_id, {"credits": 3, "term": "Fall 2026"}
    # (method, path, body, expected status for anonymous, student, employer, institution)
    guarded: list[tuple[str, str, Any, tuple[int, int, int, int]]] = [
        (
            "POST",
            f"/v1/engagements/{engagement}/reviews",
            {"rating": 1, "comment": "x"},
            (401, 404, 404, 403),
        ),
        (
            "POST",
            f"/v1/credentials/{done.credential_id}/revoke",
            {"reason": "x"},
            (401, 403, 404, 403),
        ),
        ("GET", f"/v1/users/{student.id}/clr", None, (401, 404, 403, 404)),
        ("PUT", "/v1/institution/settings", settings, (401, 403, 403, 200)),
        ("POST", "/v1/me/institution", {"institution_id": school.id}, (401, 201, 403, 403)),
        ("GET", "/v1/institution/students", None, (401, 403, 403, 200)),
        ("POST", f"/v1/institution/students/{student.id}/approve", None, (401, 403, 403, 404)),
        ("GET", "/v1/institution/engagements", None, (401, 403, 403, 200)),
        ("POST", f"/v1/institution/engagements/{engagement}/credit", credit, (401, 403, 403, 404)),
        ("GET", "/v1/me/credits", None, (401, 200, 403, 403)),
    ]
    for method, path, body, statuses in guarded:
        for name, expected in zip(OUTSIDERS, statuses, strict=True):
            reply = await journeys.call(method, path, others[name], body)
            assert reply.status_code == expected, (method, path, name, reply.text)
            if expected >= 400:
                assert_problem(reply, expected)
            elif method == "GET":
                # What a stranger lists is their own, and empty.
                assert reply.json()["items"] == [], (path, name)

    public = [
        f"/v1/users/{student.id}/reviews",
        f"/v1/users/{student.id}/reputation",
        f"/v1/users/{student.id}/portfolio",
        f"/v1/users/{done.owner.id}/reputation",
        f"/v1/credentials/{done.credential_id}",
        status_path,
        "/.well-known/jwks.json",
    ]
    for path in public:
        seen = [await journeys.call("GET", path, others[name]) for name in OUTSIDERS]
        assert [r.status_code for r in seen] == [200] * 4, path
        bodies = [r.json() for r in seen]
        assert all(b == bodies[0] for b in bodies), path
    bad_token = await journeys.http.get(
        f"/v1/users/{student.id}/reputation", headers=bearer("nope")
    )
    assert_problem(bad_token, 401)

    # Nothing changed: each side's review is still theirs to give, the credential
    # stands, the student is linked to the school (the other student's own request
    # waits for approval), and nobody granted credit.
    assert (await journeys.review(student, engagement, rating=4)).status_code == 201
    assert (await journeys.review(done.owner, engagement, rating=5)).status_code == 201
    assert [r["rating"] for r in await journeys.reviews_about(student.id)] == [5]
    assert [r["rating"] for r in await journeys.reviews_about(done.owner.id)] == [4]
    assert (await journeys.http.get(f"/v1/credentials/{done.credential_id}")).json()[
        "revoked"
    ] is False
    linked = (await journeys.call("GET", "/v1/institution/students", school)).json()["items"]
    other_student = others["student"]
    assert other_student is not None
    assert sorted((s["student_id"], s["status"]) for s in linked) == sorted(
        [(student.id, "linked"), (other_student.id, "pending")]
    )
    assert (await journeys.call("GET", "/v1/me/credits", student)).json()["items"] == []
    record = await journeys.call("GET", f"/v1/users/{student.id}/clr", school)
    assert record.json()["credential"]["credentialSubject"]["academicCredits"] == []
