"""Demo profiles for the demo students, written before any listing is published, so
that the published listings match them at once: each student's recommendations show
ranked, explained projects with an exploration item (a good match from an industry
they have not tried), and each employer sees ranked candidates.

Idempotent: a PUT replaces the profile with the same one.
"""

from __future__ import annotations

from typing import Any

from stint_devstack.demo import Demo

PROFILES: dict[str, dict[str, Any]] = {
    "amara@student.example": {
        "headline": "Backend and data student who likes shipping small tools",
        "skills": [
            {"name": "Python", "level": 5},
            {"name": "FastAPI", "level": 4},
            {"name": "PostgreSQL", "level": 3},
            {"name": "SQL", "level": 4},
            {"name": "data visualisation", "level": 3},
        ],
        "interests": ["software"],
        "availability_hours_per_week": 15,
        "remote_ok": True,
        "location": "Berlin",
    },
    "lukas@student.example": {
        "headline": "Business informatics, spreadsheets to SQL",
        "skills": [
            {"name": "Python", "level": 3},
            {"name": "Postgres", "level": 3},
            {"name": "Excel", "level": 5},
            {"name": "accounting", "level": 2},
            {"name": "TypeScript", "level": 2},
        ],
        "interests": ["software", "finance"],
        "availability_hours_per_week": 12,
        "remote_ok": True,
        "location": "Leipzig",
    },
    "sofia@student.example": {
        "headline": "Interaction design student, research first",
        "skills": [
            {"name": "Figma", "level": 4},
            {"name": "UX research", "level": 4},
            {"name": "prototyping", "level": 3},
            {"name": "illustration", "level": 3},
            {"name": "copywriting", "level": 2},
            {"name": "CSS", "level": 2},
        ],
        "interests": ["design"],
        "availability_hours_per_week": 10,
        "remote_ok": True,
        "location": "Rotterdam",
    },
}


async def before_listings(demo: Demo) -> None:
    """Write each demo student's profile (once the gateway serves the route)."""
    paths = set((await demo.client.get("/openapi.json")).json().get("paths", {}))
    if "/v1/me/profile" not in paths:
        demo.summary.notes.append("the gateway has no profile routes yet: no demo profiles")
        return
    for email, body in PROFILES.items():
        student = demo.students.get(email)
        if student is None:
            continue
        reply = await demo.client.put(
            "/v1/me/profile", json=body, headers={"Authorization": f"Bearer {student.token}"}
        )
        if reply.status_code != 200:
            raise RuntimeError(f"PUT /v1/me/profile: HTTP {reply.status_code} {reply.text[:300]}")
    demo.summary.notes.append(f"{len(PROFILES)} student profiles for recommendations")
