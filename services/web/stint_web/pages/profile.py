"""A student's profile (what matching scores them on), edited in one form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stint_web.deps import Api, Student
from stint_web.forms import form_of
from stint_web.gateway import ApiProblem
from stint_web.problems import place
from stint_web.rendering import FORM_WITH_ERRORS, page

router = APIRouter()

FIELDS = ("headline", "skills", "interests", "availability_hours_per_week", "remote_ok", "location")


def _skills_text(skills: list[dict[str, Any]]) -> str:
    return ", ".join(f"{s['name']}:{s['level']}" for s in skills)


def _skills(text: str) -> list[dict[str, Any]]:
    """``python:4, sql:3`` (a level from 1 to 5; 3 when none is given)."""
    skills: list[dict[str, Any]] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, _, level = part.partition(":")
        skills.append({"name": name.strip(), "level": int(level) if level.strip().isdigit() else 3})
    return skills


def _values(profile: dict[str, Any]) -> dict[str, str]:
    return {
        "headline": profile.get("headline", ""),
        "skills": _skills_text(profile.get("skills", [])),
        "interests": ", ".join(profile.get("interests", [])),
        "availability_hours_per_week": str(profile.get("availability_hours_per_week", "")),
        "remote_ok": "true" if profile.get("remote_ok") else "",
        "location": profile.get("location") or "",
    }


@router.get("/profile", response_class=HTMLResponse)
async def profile(
    request: Request, student: Student, gateway: Api, saved: str = "", linked: str = ""
) -> HTMLResponse:
    try:
        found = await gateway.get(f"/v1/students/{student.user_id}/profile", student.token)
    except ApiProblem as problem:
        if problem.status != 404:
            raise
        found = {}
    return await page(
        request, "profile.html", values=_values(found), saved=bool(saved), linked=bool(linked)
    )


@router.post("/profile", response_model=None)
async def save_profile(request: Request, student: Student, gateway: Api) -> Response:
    form = await form_of(request)
    hours = form.get("availability_hours_per_week", "").strip()
    body = {
        "headline": form.get("headline", ""),
        "skills": _skills(form.get("skills", "")),
        "interests": [i.strip() for i in form.get("interests", "").split(",") if i.strip()],
        "availability_hours_per_week": int(hours) if hours.isdigit() else hours,
        "remote_ok": form.get("remote_ok") == "true",
        "location": form.get("location") or None,
    }
    try:
        await gateway.send("PUT", "/v1/me/profile", student.token, body)
    except ApiProblem as problem:
        if problem.status != 422:
            raise
        return await page(
            request, "profile.html", FORM_WITH_ERRORS, values=form, errors=place(problem, FIELDS)
        )
    return RedirectResponse("/profile?saved=1", status_code=303)
