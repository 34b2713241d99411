"""The examples in the package's docstrings run and hold."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import graphbuild

MODULES = sorted(m.name for m in pkgutil.walk_packages(graphbuild.__path__, "graphbuild.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    failures, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failures == 0
