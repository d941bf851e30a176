"""The building blocks of the in-memory index: names as small integer codes, growable
numpy columns, and sparse columns (which rows have a skill, at which level) kept as a
dict for cheap changes and handed out as numpy arrays for vectorised scoring."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Codes", "Dense", "Sparse"]

Array = npt.NDArray[Any]


class Codes:
    """Name -> code, 1, 2, ... in order of first sight; 0 is "none" (no location)."""

    def __init__(self) -> None:
        self._codes: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._codes) + 1

    def code(self, name: str) -> int:
        """The name's code, given one now if it had none."""
        found = self._codes.get(name)
        if found is None:
            found = self._codes[name] = len(self._codes) + 1
        return found

    def known(self, name: str) -> int:
        """The name's code, or 0 when no row ever had it."""
        return self._codes.get(name, 0)


class Dense:
    """One value per row, in an array that doubles when full."""

    def __init__(self, dtype: Any, capacity: int = 1024) -> None:
        self._values: Array = np.zeros(capacity, dtype=dtype)

    def grow_to(self, rows: int) -> None:
        if rows > len(self._values):
            bigger = np.zeros(max(rows, 2 * len(self._values)), dtype=self._values.dtype)
            bigger[: len(self._values)] = self._values
            self._values = bigger

    def __setitem__(self, row: int, value: Any) -> None:
        self._values[row] = value

    def __getitem__(self, row: int) -> Any:
        return self._values[row]

    def upto(self, rows: int) -> Array:
        """A view of the first ``rows`` values (no copy)."""
        return self._values[:rows]

    @property
    def nbytes(self) -> int:
        return int(self._values.nbytes)


class Sparse:
    """The rows that have a value (a skill's level, an interest): row -> value, and
    its arrays, rebuilt only after a change."""

    def __init__(self) -> None:
        self.values: dict[int, int] = {}
        self._arrays: tuple[Array, Array] | None = None

    def put(self, row: int, value: int) -> None:
        if self.values.get(row) != value:
            self.values[row] = value
            self._arrays = None

    def drop(self, row: int) -> None:
        if self.values.pop(row, None) is not None:
            self._arrays = None

    def arrays(self) -> tuple[Array, Array]:
        """(rows, values) as int32 and float64 arrays."""
        if self._arrays is None:
            count = len(self.values)
            rows = np.fromiter(self.values.keys(), dtype=np.int32, count=count)
            values = np.fromiter(self.values.values(), dtype=np.float64, count=count)
            self._arrays = (rows, values)
        return self._arrays

    def dense(self, size: int) -> Array:
        """The column as one float64 value per row (0 where absent)."""
        out = np.zeros(size, dtype=np.float64)
        rows, values = self.arrays()
        out[rows] = values
        return out
