"""to_source and compile on names and numbers that used to slip through: labels Python reads as one
name, names the generated code needs for itself, fixed derivatives in a function, foreign floats."""

from __future__ import annotations

import pytest

from autograd import Value, compile, to_source


def _run(source: str) -> dict:
    space: dict = {}
    exec(source, space)
    return space


def _engine_grads(root: Value, leaves: list[Value]) -> list[float]:
    root.backward()
    return [leaf.grad for leaf in leaves]


@pytest.mark.parametrize("first, second", [
    ("x", "\U0001d431"),          # x and MATHEMATICAL BOLD SMALL X
    ("\u00e9", "e\u0301"),        # é in one code point, and e + combining acute accent
    ("fi", "\ufb01"),             # fi and the ligature ﬁ
])
def test_labels_python_reads_as_one_name_stay_two_variables(first, second):
    a, b = Value(2.0, first), Value(3.0, second)
    root = a * b + a
    script = to_source(root)
    expected = _engine_grads(root, [a, b])
    space = _run(script)
    names = [n for n in space if n.startswith("grad_") and n != "grad_" + root.label]
    assert len({space[n] for n in names if space[n] in expected}) == 2, script
    function = _run(to_source(root, function="f"))["f"]
    value, grads = function(2.0, 3.0)
    assert value == root.data and sorted(grads.values()) == sorted(expected)


@pytest.mark.parametrize("label", ["Max", "floatmath", "math", "f", "Tanh"])
def test_names_the_generated_code_uses_are_not_given_to_nodes(label):
    a, b = Value(0.5, label), Value(-1.5, "b")
    root = a.max(b).tanh() * a
    expected = _engine_grads(root, [a, b])
    value, grads = _run(to_source(root, function="f"))["f"](0.5, -1.5)
    assert value == root.data and list(grads.values()) == expected


def test_numbers_with_a_function_is_refused():
    x1, x2 = Value(1.0, "x1"), Value(0.5, "x2")
    root = (x1 * x2).tanh()
    with pytest.raises(ValueError, match="numbers=True .* wrong as soon as the function gets other arguments"):
        to_source(root, numbers=True, function="f")
    assert "grad_x1" in to_source(root, numbers=True)  # a script of this run's numbers is still fine


def test_a_numpy_float_leaf_is_written_as_a_plain_literal():
    np = pytest.importorskip("numpy")
    a, b = Value(1.0, "a"), Value(2.0, "b")
    root = a * b
    a.data = np.float64(1.9)
    text = to_source(root)
    assert "np." not in text and "float64" not in text
    assert _run(text)["a"] == 1.9


class Loud(float):
    def __repr__(self) -> str:
        return "__import__('os').getcwd()"


def test_a_float_subclass_with_its_own_repr_is_written_as_its_number():
    a = Value(1.0, "a")
    root = a * 3.0
    a.data = Loud(2.5)
    text = to_source(root, numbers=True)
    assert "__import__" not in text and "a = 2.5" in text
    w = Value(1.0)
    step = compile(lambda x: w * x[0] + Value.constant(Loud(0.5)), [w], [2.0])
    assert "__import__" not in step.source and step([2.0]) == 2.5
