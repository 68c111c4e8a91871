"""to_source(root, mode="forward"): the tangent program runs to the same numbers as jvp, to the
last bit, on random graphs over every op; as a script, as a function, and with numbers."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, jvp, to_source, topological_order

from .random_graphs import recipes
from .strategies import reals
from .test_ops import OPS


def _run(text: str) -> dict:
    scope: dict = {}
    exec(text, scope)  # noqa: S102 - the generated program is the thing under test
    return scope


def _same(a: float, b: float) -> bool:
    return a == b or (a != a and b != b)


@pytest.mark.parametrize("name", sorted(OPS))
@settings(max_examples=6, deadline=None)
@given(data=st.data(), direction=st.lists(reals(-1.0, 1.0), min_size=3, max_size=3))
def test_the_tangent_program_gives_jvps_numbers_to_the_last_bit(name, data, direction):
    recipe = data.draw(recipes(must_use=name))
    leaves, root = recipe.build()
    used = set(topological_order(root))
    seeds = {leaf: v for leaf, v in zip(leaves, direction) if leaf in used}  # every leaf seeded, as the program does
    root.label = "y"
    want = jvp(root, seeds).derivative
    for numbers in (False, True):
        scope = _run(to_source(root, mode="forward", tangents=seeds, numbers=numbers))
        assert _same(scope["y"], root.data) and _same(scope.get("dot_y", 0.0), want), (recipe, numbers)
    fn = _run(to_source(root, mode="forward", function="tangent"))["tangent"]
    order = [leaf for leaf in topological_order(root) if leaf in seeds]  # the arguments' order
    value, tangent = fn(*(leaf.data for leaf in order), *(seeds[leaf] for leaf in order))
    assert _same(value, root.data) and _same(tangent, want)


def test_baydins_example_reads_as_the_tangent_trace():
    x1, x2 = Value(2.0, "x1"), Value(5.0, "x2")
    f = x1.log() + x1 * x2 - x2.sin()
    f.label = "f"
    text = to_source(f, mode="forward", tangents={x1: 1.0}, numbers=True)
    assert "dot_x1 = 1.0" in text and "dot_x2 = 0.0" in text
    assert "5.0 * dot_x1 + 2.0 * dot_x2  # *" in text
    assert _run(text)["dot_f"] == 5.5


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"mode": "forward"}, TypeError, "needs the direction"),
        ({"mode": "forward", "tangents": [1.0]}, TypeError, "map leaves to numbers"),
        ({"mode": "forward", "tangents": {"x": 1.0}}, ValueError, "not a leaf"),
        ({"mode": "sideways"}, ValueError, 'mode must be "reverse"'),
        ({"tangents": {}}, ValueError, "belongs to mode"),
    ],
)
def test_bad_arguments_say_what_to_pass(kwargs, error, words):
    x = Value(1.0, "x")
    with pytest.raises(error, match=words):
        to_source(x.sin(), **kwargs)
