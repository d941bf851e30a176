"""Who takes part in a flow: employers with organizations and listings, students with
profiles, all made from a seed, so that a run can be told again. Skills and industries
overlap on purpose: listings match students, and matching announces them."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

PASSWORD = "flow-password-2024"
INDUSTRIES = ("software", "design", "marketing", "finance")
SKILLS = {
    "software": ("python", "sql", "javascript", "postgresql", "testing"),
    "design": ("figma", "ux research", "prototyping", "illustration", "css"),
    "marketing": ("copywriting", "seo", "analytics", "social media", "email"),
    "finance": ("excel", "accounting", "sql", "python", "forecasting"),
}


@dataclass
class Person:
    email: str
    role: str
    display_name: str
    industry: str
    token: str = ""
    id: str = ""
    organization_id: str = ""


@dataclass
class Scale:
    """A round's size; the defaults make about 400 domain events across the services."""

    employers: int = 4
    students: int = 12
    listings_per_employer: int = 2
    applications_per_student: int = 3


@dataclass
class Cast:
    employers: list[Person] = field(default_factory=list)
    students: list[Person] = field(default_factory=list)


def cast_of(rng: random.Random, scale: Scale, tag: str) -> Cast:
    cast = Cast()
    for n in range(scale.employers):
        industry = INDUSTRIES[n % len(INDUSTRIES)]
        cast.employers.append(
            Person(f"employer-{tag}-{n}@flow.example", "employer", f"Employer {tag}-{n}", industry)
        )
    for n in range(scale.students):
        industry = rng.choice(INDUSTRIES)
        cast.students.append(
            Person(f"student-{tag}-{n}@flow.example", "student", f"Student {tag}-{n}", industry)
        )
    return cast


def registration(person: Person) -> dict[str, Any]:
    body: dict[str, Any] = {
        "email": person.email,
        "password": PASSWORD,
        "role": person.role,
        "display_name": person.display_name,
    }
    if person.role == "employer":
        body["organization"] = {"name": f"{person.display_name} Ltd", "industry": person.industry}
    return body


def profile(rng: random.Random, student: Person) -> dict[str, Any]:
    skills = rng.sample(SKILLS[student.industry], 3)
    return {
        "headline": f"{student.industry} student, eager to ship",
        "skills": [{"name": name, "level": rng.randint(2, 5)} for name in skills],
        "interests": [student.industry],
        "availability_hours_per_week": rng.randint(8, 20),
        "remote_ok": True,
    }


def listing(rng: random.Random, employer: Person, n: int) -> dict[str, Any]:
    skills = rng.sample(SKILLS[employer.industry], 2)
    hours = rng.randint(10, 30)
    apply_by = datetime.now(UTC) + timedelta(days=30)
    return {
        "title": f"{employer.industry.title()} project {n} of {employer.display_name}",
        "description": "A short, paid project with a clear brief and weekly feedback.",
        "industry": employer.industry,
        "skills": [{"name": name, "required": i == 0} for i, name in enumerate(skills)],
        "estimated_hours": hours,
        "duration_days": 14,
        "pay": {"amount_cents": hours * 2500, "currency": "EUR"},
        "remote": True,
        "apply_by": apply_by.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "slots": rng.randint(1, 2),
    }
