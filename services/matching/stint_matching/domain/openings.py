"""The listings side of the in-memory index: one row per listing ever seen (closed
ones keep their industry for "industries tried"), its numbers in dense columns, and
its skills as (row, skill code, required) entries that one student's levels are
looked up in and summed per listing with ``np.bincount``."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from stint_matching.domain.columns import Array, Codes, Dense
from stint_matching.domain.listings import ListingStatus, ListingView
from stint_runtime.vocabulary import normalise_location

__all__ = ["ListingTable", "SkillEntries"]


class SkillEntries:
    """Every (listing row, skill code, required) of the table, as parallel arrays, and
    what scoring one student against every listing needs that does not depend on the
    student (made once per change of the table, not once per request)."""

    def __init__(self, rows: Array, skills: Array, required: Array, table: ListingTable) -> None:
        size = len(table)
        self.rows = rows
        self.skills = skills
        self.required = required
        self.required_weight = required.astype(np.float64)
        self.optional_weight = 1.0 - self.required_weight
        required_count = table.required_count.upto(size)
        optional_count = table.optional_count.upto(size)
        every = required_count + optional_count
        needed = table.hours_per_week.upto(size)
        self.per_required = _inverse(required_count)
        self.none_required = (required_count == 0).astype(np.float64)
        self.per_optional = _inverse(optional_count)
        self.none_optional = (optional_count == 0).astype(np.float64)
        self.per_skill = _inverse(every)
        self.per_needed_hour = _inverse(needed)
        self.none_needed = (needed <= 0).astype(np.float64)
        self.remote = table.remote.upto(size).astype(np.float64)
        self.place = table.place.upto(size).copy()
        self.industry = table.industry.upto(size).copy()


def _inverse(values: Array) -> Array:
    """1 / value where positive, 0 elsewhere."""
    out = np.zeros_like(values, dtype=np.float64)
    np.divide(1.0, values, out=out, where=values > 0)
    return out


class ListingTable:
    def __init__(self, skills: Codes, industries: Codes, places: Codes) -> None:
        self._skill_codes = skills
        self._industry_codes = industries
        self._place_codes = places
        self.views: list[ListingView] = []
        self._row_of: dict[str, int] = {}
        self.industry = Dense(np.int32)
        self.remote = Dense(np.bool_)
        self.place = Dense(np.int32)
        self.hours_per_week = Dense(np.float64)
        self.open = Dense(np.bool_)
        self.apply_by = Dense(np.float64)
        """Seconds since the epoch."""
        self.published = Dense(np.float64)
        self.required_count = Dense(np.float64)
        self.optional_count = Dense(np.float64)
        self._entries: SkillEntries | None = None

    def __len__(self) -> int:
        return len(self.views)

    def row_of(self, listing_id: str) -> int | None:
        return self._row_of.get(listing_id)

    def view(self, listing_id: str) -> ListingView | None:
        row = self._row_of.get(listing_id)
        return None if row is None else self.views[row]

    def put(self, listing: ListingView) -> bool:
        """Keep ``listing`` unless an equal or newer version is held; True when kept."""
        row = self._row_of.get(listing.id)
        if row is not None and self.views[row].version >= listing.version:
            return False
        if row is None:
            row = self._row_of[listing.id] = len(self.views)
            self.views.append(listing)
            for column in self._columns():
                column.grow_to(row + 1)
        self.views[row] = listing
        place = normalise_location(listing.location)
        self.industry[row] = self._industry_codes.code(listing.industry)
        self.remote[row] = listing.remote
        self.place[row] = self._place_codes.code(place) if place else 0
        self.hours_per_week[row] = listing.hours_per_week
        self.open[row] = listing.status is ListingStatus.OPEN
        self.apply_by[row] = listing.apply_by.timestamp()
        published = listing.published_at
        self.published[row] = published.timestamp() if published else 0.0
        self.required_count[row] = len(listing.required)
        self.optional_count[row] = len(listing.optional)
        self._entries = None
        return True

    def _columns(self) -> tuple[Dense, ...]:
        return (
            self.industry,
            self.remote,
            self.place,
            self.hours_per_week,
            self.open,
            self.apply_by,
            self.published,
            self.required_count,
            self.optional_count,
        )

    def entries(self) -> SkillEntries:
        """The skill entries of every listing, rebuilt after a change of any listing."""
        if self._entries is None:
            rows: list[int] = []
            skills: list[int] = []
            required: list[bool] = []
            for row, view in enumerate(self.views):
                for need in view.skills:
                    rows.append(row)
                    skills.append(self._skill_codes.code(need.name))
                    required.append(need.required)
            self._entries = SkillEntries(
                np.array(rows, dtype=np.int32),
                np.array(skills, dtype=np.int32),
                np.array(required, dtype=np.bool_),
                self,
            )
        return self._entries

    def taking_applications(self, now: datetime) -> Array:
        """Per row: open and before its apply_by."""
        size = len(self)
        return self.open.upto(size) & (self.apply_by.upto(size) > now.timestamp())

    def nbytes(self) -> int:
        entries = self.entries()
        arrays = entries.rows.nbytes + entries.skills.nbytes + entries.required.nbytes
        return arrays + sum(column.nbytes for column in self._columns())
