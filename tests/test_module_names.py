"""No module of the package binds a top-level name twice: the second binding silently replaces the first for every use
(`_GROUP_MUST` in interpret.py had two patterns, and the group-limit check of `_context_phrases` ran on the wrong one;
`_GOES_ON` in evaluate.py was nearly bound twice the same way)."""

import ast
from collections import Counter
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "eligibility"


@pytest.mark.parametrize("module", sorted(p.name for p in SRC.glob("*.py")))
def test_no_top_level_name_is_bound_twice(module):
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] += 1
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names[node.target.id] += 1
    assert not [n for n, k in names.items() if k > 1 and n != "__all__"]
