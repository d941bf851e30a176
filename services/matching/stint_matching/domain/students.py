"""The students side of the in-memory index: one row per student, with the profile's
numbers in dense columns and skills, verified skills, interests and industries tried
in sparse columns by name code, so that one listing is scored against every profile
with a few numpy operations per skill it names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import numpy as np

from stint_matching.domain.columns import Array, Codes, Dense, Sparse
from stint_matching.domain.scoring import Seeker

__all__ = ["StudentTable"]


class StudentTable:
    def __init__(self, skills: Codes, industries: Codes, places: Codes) -> None:
        self._skill_codes = skills
        self._industry_codes = industries
        self._place_codes = places
        self.ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._seekers: list[Seeker] = []
        self.hours = Dense(np.float64)
        self.remote_ok = Dense(np.bool_)
        self.place = Dense(np.int32)
        self.active = Dense(np.bool_)
        """True where the student has a profile: only those are matched."""
        self.skills: dict[int, Sparse] = {}
        self.verified: dict[int, Sparse] = {}
        self.interests: dict[int, Sparse] = {}
        self.tried: dict[int, Sparse] = {}
        self.display_names: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def profiles(self) -> int:
        return int(self.active.upto(len(self)).sum())

    def row(self, student_id: str) -> int:
        """The student's row, made when first seen."""
        found = self._row_of.get(student_id)
        if found is None:
            found = self._row_of[student_id] = len(self.ids)
            self.ids.append(student_id)
            self._seekers.append(Seeker(levels={}))
            for column in (self.hours, self.remote_ok, self.place, self.active):
                column.grow_to(found + 1)
        return found

    def row_if_active(self, student_id: str) -> int | None:
        found = self._row_of.get(student_id)
        return found if found is not None and self.active[found] else None

    def seeker(self, student_id: str) -> Seeker | None:
        """What the formula reads of the student; None without a profile."""
        found = self.row_if_active(student_id)
        return None if found is None else self._seekers[found]

    def seeker_at(self, row: int) -> Seeker:
        return self._seekers[row]

    def _recode(
        self,
        columns: dict[int, Sparse],
        codes: Codes,
        row: int,
        before: Iterable[str],
        after: Mapping[str, int],
    ) -> None:
        for name in set(before) - set(after):
            columns[codes.code(name)].drop(row)
        for name, value in after.items():
            columns.setdefault(codes.code(name), Sparse()).put(row, value)

    def put_profile(
        self,
        student_id: str,
        levels: Mapping[str, int],
        interests: Iterable[str],
        hours: int,
        remote_ok: bool,
        place: str,
    ) -> None:
        row = self.row(student_id)
        old = self._seekers[row]
        wanted = frozenset(interests)
        self._recode(self.skills, self._skill_codes, row, old.levels, levels)
        self._recode(
            self.interests, self._industry_codes, row, old.interests, dict.fromkeys(wanted, 1)
        )
        self.hours[row] = hours
        self.remote_ok[row] = remote_ok
        self.place[row] = self._place_codes.code(place) if place else 0
        self.active[row] = True
        self._seekers[row] = replace(
            old,
            levels=dict(levels),
            interests=wanted,
            hours_per_week=hours,
            remote_ok=remote_ok,
            place=place,
        )

    def set_verified(self, student_id: str, skills: Iterable[str]) -> None:
        row = self.row(student_id)
        old = self._seekers[row]
        now = frozenset(skills)
        self._recode(self.verified, self._skill_codes, row, old.verified, dict.fromkeys(now, 1))
        self._seekers[row] = replace(old, verified=now)

    def set_tried(self, student_id: str, industries: Iterable[str]) -> None:
        row = self.row(student_id)
        old = self._seekers[row]
        now = frozenset(industries)
        self._recode(self.tried, self._industry_codes, row, old.tried, dict.fromkeys(now, 1))
        self._seekers[row] = replace(old, tried=now)

    def column(self, columns: dict[int, Sparse], codes: Codes, name: str) -> Array:
        """A sparse column as one value per row (zeros when nobody has the name)."""
        code = codes.known(name)
        found = columns.get(code) if code else None
        size = len(self)
        return found.dense(size) if found is not None else np.zeros(size, dtype=np.float64)

    def nbytes(self) -> int:
        """The numpy part of the table (the dicts of the sparse columns come on top)."""
        dense = self.hours.nbytes + self.remote_ok.nbytes + self.place.nbytes
        return dense + self.active.nbytes
