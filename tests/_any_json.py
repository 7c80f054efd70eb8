"""Helpers the any-JSON property tests share: every element's path in a JSON document, a value put at one, and any JSON."""

import copy

from hypothesis import strategies as st

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                    max_leaves=6)


def paths(node, path=()):
    """Every element's path in a JSON document (keys and list indexes), the document's own () first."""
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*path, i))


def replaced(document, path, value):
    """A copy of the document with `value` at `path`."""
    out = copy.deepcopy(document)
    node = out
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    return out
