"""The docstring examples of every module, run against the imported (installed) package."""

import doctest
import importlib
import pkgutil

import pytest

import eligibility

MODULES = sorted(m.name for m in pkgutil.iter_modules(eligibility.__path__, "eligibility.") if m.name != "eligibility.__main__")


def test_package_is_the_installed_one_with_its_grammar():
    from eligibility.parser import grammar_text

    assert "start:" in grammar_text()


@pytest.mark.parametrize("name", ["eligibility", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.failed == 0
