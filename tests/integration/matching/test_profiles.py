"""Through the gateway: a student writes their profile, names are folded, bad input is
refused naming the field with nothing stored, and who may read a profile."""

from __future__ import annotations

from typing import Any

from tests.integration.gateway.api import Api, assert_problem, error_locs
from tests.integration.matching.steps import profile_body, put_profile


async def test_names_are_trimmed_lowered_and_synonyms_folded(public_api: Api) -> None:
    student = await public_api.sign_up("student")
    saved = await put_profile(
        public_api,
        student,
        skills=[
            {"name": "  JS ", "level": 3},
            {"name": "ML", "level": 2},
            {"name": "Postgres", "level": 4},
            {"name": "javascript", "level": 5},
        ],
        interests=[" FinTech", "Health"],
        location="  Rotterdam ",
    )
    assert saved["student_id"] == student.id
    assert saved["skills"] == [
        {"name": "javascript", "level": 5},
        {"name": "machine learning", "level": 2},
        {"name": "postgresql", "level": 4},
    ]
    assert saved["interests"] == ["financial technology", "health care"]
    assert saved["location"] == "Rotterdam"
    assert saved["display_name"] == "A student" or saved["display_name"] == ""

    read = await public_api.call("GET", f"/v1/students/{student.id}/profile", student)
    assert read.status_code == 200, read.text
    assert read.json()["skills"] == saved["skills"]


async def _refused(api: Api, who: Any, body: dict[str, Any]) -> list[list[str | int]]:
    reply = await api.call("PUT", "/v1/me/profile", who, body)
    return error_locs(assert_problem(reply, 422))


async def test_bad_input_names_the_field_and_stores_nothing(public_api: Api) -> None:
    api = public_api
    student = await api.sign_up("student")
    for level in (0, 6):
        body = profile_body(skills=[{"name": "python", "level": level}])
        assert ["body", "skills", 0, "level"] in await _refused(api, student, body)
    many = [{"name": f"skill {n}", "level": 3} for n in range(51)]
    assert ["body", "skills"] in await _refused(api, student, profile_body(skills=many))
    # Not an industry's shape: an object, a number, symbols only, an empty name.
    for interest in ({"name": "software"}, 42, "!!!", "   ", "1234"):
        locs = await _refused(api, student, profile_body(interests=["design", interest]))
        assert ["body", "interests", 1] in locs, (interest, locs)

    # Nothing was stored by any of those: the student still has no profile.
    missing = await api.call("GET", f"/v1/students/{student.id}/profile", student)
    assert_problem(missing, 404)

    saved = await put_profile(api, student)
    unchanged = profile_body(skills=[{"name": "python", "level": 9}], headline="Changed")
    assert ["body", "skills", 0, "level"] in await _refused(api, student, unchanged)
    read = await api.call("GET", f"/v1/students/{student.id}/profile", student)
    assert read.json() == saved


async def test_who_may_read_a_profile(public_api: Api) -> None:
    api = public_api
    student = await api.sign_up("student")
    await put_profile(api, student)
    path = f"/v1/students/{student.id}/profile"
    for role in ("employer", "institution"):
        reader = await api.sign_up(role)
        reply = await api.call("GET", path, reader)
        assert reply.status_code == 200, (role, reply.text)
    other = await api.sign_up("student")
    assert_problem(await api.call("GET", path, other), 404)
    assert_problem(await api.call("GET", path, None), 401)
    assert_problem(await api.call("GET", "/v1/students/not-a-uuid/profile", student), 404)
    employer = await api.sign_up("employer")
    assert_problem(await api.call("PUT", "/v1/me/profile", employer, profile_body()), 403)
