"""The demo marketplace: employers in several industries with their projects, and a few
students. Demo passwords are for local development only."""

from __future__ import annotations

from dataclasses import dataclass

PASSWORD = "stint-demo-2024"  # noqa: S105 - a published demo password, development only


@dataclass(frozen=True)
class DemoListing:
    title: str
    description: str
    industry: str
    skills: tuple[tuple[str, bool], ...]
    """(skill, required)"""
    estimated_hours: int
    duration_days: int
    pay_cents: int
    remote: bool = True
    location: str | None = None
    slots: int = 1
    currency: str = "EUR"


@dataclass(frozen=True)
class DemoEmployer:
    email: str
    display_name: str
    organization: str
    industry: str
    website: str
    listings: tuple[DemoListing, ...]


@dataclass(frozen=True)
class DemoStudent:
    email: str
    display_name: str


@dataclass(frozen=True)
class DemoApplication:
    student: str
    listing: str
    cover_note: str


@dataclass(frozen=True)
class DemoHire:
    employer: str
    listing: str
    student: str


EMPLOYERS = (
    DemoEmployer(
        "maya@northwind.example",
        "Maya Lindqvist",
        "Northwind Labs",
        "software",
        "https://northwind.example",
        (
            DemoListing(
                "Build a CSV import for the billing dashboard",
                "Our customers upload invoices by hand. Build an endpoint that validates a CSV "
                "file, reports row-level errors clearly and imports the valid rows in one "
                "transaction. You will pair with a backend engineer twice a week.",
                "software",
                (("python", True), ("fastapi", True), ("postgresql", False)),
                24,
                14,
                72_000,
                slots=2,
            ),
            DemoListing(
                "Write end-to-end tests for the sign-up flow",
                "Cover sign-up, e-mail confirmation and the first login with browser tests "
                "that run in CI in under five minutes, and document how to add new ones.",
                "software",
                (("typescript", True), ("playwright", True), ("ci", False)),
                16,
                10,
                44_000,
            ),
            DemoListing(
                "Add a dark theme to the customer portal",
                "Introduce design tokens for colour, switch the portal's components to them "
                "and ship a dark theme that passes WCAG AA contrast checks.",
                "software",
                (("react", True), ("css", True), ("accessibility", False)),
                20,
                14,
                56_000,
            ),
        ),
    ),
    DemoEmployer(
        "jonas@fernhill.example",
        "Jonas Weber",
        "Fernhill Studio",
        "design",
        "https://fernhill.example",
        (
            DemoListing(
                "Redesign the onboarding of a habit-tracking app",
                "Five users drop off at the third onboarding screen. Interview three of them, "
                "propose a shorter flow and deliver clickable Figma prototypes.",
                "design",
                (("figma", True), ("ux research", True), ("prototyping", False)),
                30,
                21,
                78_000,
            ),
            DemoListing(
                "Icon set for a museum wayfinding app",
                "Draw 40 consistent line icons (exhibits, facilities, accessibility) for a "
                "city museum's app, delivered as SVG with a short usage guide.",
                "design",
                (("illustration", True), ("figma", False)),
                18,
                14,
                45_000,
                remote=False,
                location="Rotterdam",
            ),
        ),
    ),
    DemoEmployer(
        "priya@brightline.example",
        "Priya Natarajan",
        "Brightline Marketing",
        "marketing",
        "https://brightline.example",
        (
            DemoListing(
                "Competitor analysis for a plant-based snack brand",
                "Compare eight competitors on price, positioning and channels, and present "
                "three opportunities our client could act on next quarter.",
                "marketing",
                (("market research", True), ("spreadsheets", True), ("presentation", False)),
                20,
                10,
                50_000,
            ),
            DemoListing(
                "Five SEO articles on home composting",
                "Research and write five articles of about 1,200 words each for a garden "
                "retailer's blog, with keyword briefs we provide and your own sources.",
                "marketing",
                (("copywriting", True), ("seo", True)),
                15,
                14,
                37_500,
                slots=2,
            ),
            DemoListing(
                "Plan a two-week Instagram campaign for a bike repair cafe",
                "Draft the content calendar, captions and a simple budget for a local "
                "campaign, then measure reach and sign-ups after launch.",
                "marketing",
                (("social media", True), ("content strategy", False)),
                12,
                21,
                30_000,
                remote=False,
                location="Leipzig",
            ),
        ),
    ),
    DemoEmployer(
        "tomas@ledgerly.example",
        "Tomás Ortega",
        "Ledgerly",
        "finance",
        "https://ledgerly.example",
        (
            DemoListing(
                "Reconcile a year of small-business transactions",
                "Match 1,800 bank transactions against invoices for a bakery client, flag "
                "the gaps and write up what the owner should change in their bookkeeping.",
                "finance",
                (("bookkeeping", True), ("excel", True)),
                25,
                14,
                62_500,
            ),
            DemoListing(
                "Build a 13-week cash-flow forecast model",
                "Turn a client's receivables, payables and payroll into a rolling 13-week "
                "forecast in a spreadsheet they can update themselves.",
                "finance",
                (("financial modeling", True), ("excel", True), ("accounting", False)),
                20,
                10,
                60_000,
            ),
        ),
    ),
    DemoEmployer(
        "amina@tideway.example",
        "Amina Diallo",
        "Tideway Energy",
        "climate",
        "https://tideway.example",
        (
            DemoListing(
                "Map rooftop solar potential for 200 school buildings",
                "Use open building footprints and irradiance data to estimate the yearly "
                "yield of each roof, and deliver a ranked list with a map.",
                "climate",
                (("gis", True), ("python", True), ("data analysis", False)),
                30,
                21,
                84_000,
            ),
            DemoListing(
                "Summarise heat-pump subsidy rules in five countries",
                "A clear comparison table and a two-page brief of who qualifies, how much "
                "they get and how long approval takes, with sources.",
                "climate",
                (("policy research", True), ("writing", True)),
                16,
                10,
                40_000,
            ),
            DemoListing(
                "Dashboard of a wind farm's monthly output",
                "Build a small dashboard from five years of turbine data: output, downtime "
                "and the effect of wind speed, refreshed from a CSV drop.",
                "climate",
                (("python", True), ("data visualization", True), ("sql", False)),
                22,
                14,
                61_600,
            ),
        ),
    ),
)

STUDENTS = (
    DemoStudent("amara@student.example", "Amara Okafor"),
    DemoStudent("lukas@student.example", "Lukas Brandt"),
    DemoStudent("sofia@student.example", "Sofía Marín"),
)

APPLICATIONS = (
    DemoApplication(
        "amara@student.example",
        "Build a CSV import for the billing dashboard",
        "I built a CSV importer for my university's course-registration tool in FastAPI, "
        "with per-row error reports. I can start on Monday.",
    ),
    DemoApplication(
        "amara@student.example",
        "Dashboard of a wind farm's monthly output",
        "My thesis analyses turbine SCADA data in Python; I would love to turn that into "
        "a dashboard people actually use.",
    ),
    DemoApplication(
        "lukas@student.example",
        "Build a CSV import for the billing dashboard",
        "Two years of Python side projects and one internship with PostgreSQL. Happy to "
        "pair twice a week.",
    ),
    DemoApplication(
        "sofia@student.example",
        "Redesign the onboarding of a habit-tracking app",
        "I study interaction design and ran usability interviews for two student apps. "
        "Portfolio link on my profile.",
    ),
)

HIRES = (
    DemoHire(
        "maya@northwind.example",
        "Build a CSV import for the billing dashboard",
        "amara@student.example",
    ),
)
