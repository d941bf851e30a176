"""Published internship figures printed beside Stint's, for reference only.

NACE (the National Association of Colleges and Employers) surveys employers about
their internship programs. Its *offer rate* is the share of interns offered a
full-time job by their internship employer, its *acceptance rate* the share of those
offers accepted. Stint's nearest figures measure something else (a hire for a
micro-internship, not a job offer after one), so the report labels them as a
reference, never as a like-for-like comparison. Only figures NACE stated in its own
summaries are kept, with its wording where it gave no exact number.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACCEPTANCE_DEFINITION",
    "ACCEPTANCE_REFERENCES",
    "OFFER_DEFINITION",
    "OFFER_REFERENCES",
    "Comparison",
    "Reference",
]


@dataclass(frozen=True)
class Reference:
    source: str
    year: int
    value: float | None
    """None where the source gave no exact figure; ``wording`` says what it gave."""
    wording: str


@dataclass(frozen=True)
class Comparison:
    measure: str
    stint: float | None
    stint_definition: str
    references: tuple[Reference, ...]


OFFER_REFERENCES = (
    Reference(
        "NACE, 2024 Internship & Co-op Report (2022-23 interns)",
        2024,
        None,
        "about two-thirds",
    ),
    Reference("NACE, 2021 Internship & Co-op Survey Report", 2021, None, "nearly 80 %"),
    Reference("NACE, 2017 Internship & Co-op Survey", 2017, 0.671, "67.1 %"),
)
ACCEPTANCE_REFERENCES = (
    Reference("NACE, 2021 Internship & Co-op Survey Report", 2021, 0.831, "83.1 %"),
    Reference("NACE, 2017 Internship & Co-op Survey", 2017, 0.764, "76.4 %"),
)

OFFER_DEFINITION = "applications that ended in a hire, of all applications that ended"
ACCEPTANCE_DEFINITION = "hires the student went through with (not cancelled by the student)"
