"""The rule-tree tables of `docs/grammar.md` are what the library reads: each row is checked.

A row is `| criterion | `rule tree` |`; "*(exclusion)*" after the criterion reads it in the exclusion list.
"""

import re
from pathlib import Path

import pytest

from eligibility.interpret import interpret
from eligibility.render import rule_text

DOC = Path(__file__).resolve().parents[1] / "docs" / "grammar.md"
_ROW = re.compile(r"^\| (?P<criterion>[^`|].*?) \| `(?P<rule>.+)` \|$", re.M)
_EXCLUSION = re.compile(r"\s*(?:\*\(exclusion\)\*|\(exclusion\))\s*$")


def _rows() -> list[tuple[str, str, str]]:
    out = []
    for m in _ROW.finditer(DOC.read_text(encoding="utf-8")):
        criterion, rule = m.group("criterion").replace("\\|", "|"), m.group("rule").replace("\\|", "|")
        section = "inclusion"
        ex = _EXCLUSION.search(criterion)
        if ex:
            section, criterion = "exclusion", criterion[: ex.start()]
        out.append((criterion, section, rule))
    return out


ROWS = _rows()


def test_the_tables_are_found():
    assert len(ROWS) > 100


@pytest.mark.parametrize(("criterion", "section", "rule"), ROWS, ids=[r[0][:60] for r in ROWS])
def test_documented_reading(criterion, section, rule):
    assert rule_text(interpret(criterion, section)) == rule
