"""Kleene's three-valued logic (True, False, None = unknown) and the criterion status mapping."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

Tri = bool | None

__all__ = ["Tri", "and3", "or3", "not3", "all3", "any3", "Truth", "Status", "truth_of", "status_of"]


def not3(a: Tri) -> Tri:
    return None if a is None else not a


def and3(a: Tri, b: Tri) -> Tri:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def or3(a: Tri, b: Tri) -> Tri:
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def all3(values: Iterable[Tri]) -> Tri:
    result: Tri = True
    for v in values:
        if v is False:
            return False
        if v is None:
            result = None
    return result


def any3(values: Iterable[Tri]) -> Tri:
    result: Tri = False
    for v in values:
        if v is True:
            return True
        if v is None:
            result = None
    return result


class Truth(str, Enum):
    """Truth of a criterion's text for a patient."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


class Status(str, Enum):
    """A criterion's verdict from the trial's side: compares equal to its string."""

    MATCH = "match"
    FAIL = "fail"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


def truth_of(value: Tri) -> Truth:
    return Truth.UNKNOWN if value is None else (Truth.TRUE if value else Truth.FALSE)


def status_of(section: str, value: Tri) -> Status:
    """The one place where a condition's truth becomes a status.

    Inclusion criteria match when their condition is true; exclusion criteria match (do
    not exclude) when their condition is false.

    >>> status_of("inclusion", True), status_of("exclusion", True), status_of("exclusion", None)
    (<Status.MATCH: 'match'>, <Status.FAIL: 'fail'>, <Status.UNKNOWN: 'unknown'>)
    """
    if value is None:
        return Status.UNKNOWN
    wanted = section != "exclusion"
    return Status.MATCH if value is wanted else Status.FAIL
