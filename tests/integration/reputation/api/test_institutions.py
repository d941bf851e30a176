"""Institutions through the gateway: a student at the institution's domain links at
once and their completed engagement is visible and creditable; an unlinked student's
is 404; a student cannot grant credit (403); the learner record is signed."""

from __future__ import annotations

import uuid

from tests.integration.gateway.api import Account, assert_problem
from tests.integration.reputation.api.journeys import Journeys
from tests.integration.reputation.api.test_credentials import pyjwt_verified


async def _institution(journeys: Journeys, domain: str) -> Account:
    school = await journeys.sign_up("institution", f"registrar@{domain}", "Uni of Testing")
    body = {"email_domains": [domain.upper()], "credit_policy": "3 ECTS per 80 hours"}
    settings = await journeys.call("PUT", "/v1/institution/settings", school, body)
    assert settings.status_code == 200, settings.text
    assert settings.json()["email_domains"] == [domain]
    return school


async def test_a_linked_students_work_is_visible_and_creditable(journeys: Journeys) -> None:
    domain = f"uni-{uuid.uuid4().hex[:6]}.edu"
    school = await _institution(journeys, domain)
    student = await journeys.sign_up("student", f"ada@{domain}", "Ada")
    await journeys.known(student)
    link = await journeys.link(student, school)
    assert link.status_code == 201, link.text
    assert link.json()["status"] == "linked"
    done = await journeys.completed(student=student)

    listed = await journeys.call("GET", "/v1/institution/engagements?status=completed", school)
    assert listed.status_code == 200, listed.text
    items = listed.json()["items"]
    assert [(i["engagement_id"], i["credential_id"]) for i in items] == [
        (done.engagement_id, done.credential_id)
    ]
    path = f"/v1/institution/engagements/{done.engagement_id}/credit"
    assert_problem(await journeys.call("POST", path, school, {"credits": 0, "term": "F26"}), 422)
    assert_problem(await journeys.call("POST", path, student, {"credits": 3, "term": "F26"}), 403)
    credit = await journeys.call("POST", path, school, {"credits": 3, "term": "Fall 2026"})
    assert credit.status_code == 201, credit.text
    mine = await journeys.call("GET", "/v1/me/credits", student)
    assert [(c["credits"], c["term"]) for c in mine.json()["items"]] == [(3.0, "Fall 2026")]

    record = await journeys.call("GET", f"/v1/users/{student.id}/clr", school)
    assert record.status_code == 200, record.text
    jwks = (await journeys.http.get("/.well-known/jwks.json")).json()
    document = pyjwt_verified(record.json()["jwt"], jwks)
    assert document["type"] == ["VerifiableCredential", "ClrCredential"]
    assert len(document["credentialSubject"]["verifiableCredential"]) == 1
    assert document["credentialSubject"]["academicCredits"][0]["creditsEarned"] == 3.0
    compact = await journeys.call("GET", f"/v1/users/{student.id}/clr", student)
    assert compact.status_code == 200


async def test_an_unlinked_students_work_is_not_found(journeys: Journeys) -> None:
    domain = f"uni-{uuid.uuid4().hex[:6]}.edu"
    school = await _institution(journeys, domain)
    outsider = await journeys.sign_up("student", f"bo@elsewhere-{uuid.uuid4().hex[:4]}.edu")
    await journeys.known(outsider)
    done = await journeys.completed(student=outsider)
    listed = await journeys.call("GET", "/v1/institution/engagements", school)
    assert listed.json()["items"] == []
    credit = {"credits": 3, "term": "Fall 2026"}
    path = f"/v1/institution/engagements/{done.engagement_id}/credit"
    assert_problem(await journeys.call("POST", path, school, credit), 404)
    assert_problem(await journeys.call("GET", f"/v1/users/{outsider.id}/clr", school), 404)

    pending = await journeys.call(
        "POST", "/v1/me/institution", outsider, {"institution_id": school.id}
    )
    assert pending.status_code == 201 and pending.json()["status"] == "pending"
    students = (await journeys.call("GET", "/v1/institution/students", school)).json()["items"]
    assert [(s["student_id"], s["status"]) for s in students] == [(outsider.id, "pending")]
    assert_problem(await journeys.call("POST", path, school, credit), 404)
    approved = await journeys.call(
        "POST", f"/v1/institution/students/{outsider.id}/approve", school
    )
    assert approved.status_code == 200 and approved.json()["status"] == "linked"
    assert (await journeys.call("POST", path, school, credit)).status_code == 201
