"""to_source: running the generated text gives every node's .data and .grad to the last bit.

Driven by the op registry (every Op class in autograd.ops, at nan, +-inf, +-0 and the kinks), so
an op added or changed is checked here without this file listing it.
"""

import inspect
import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, ops, to_source
from autograd.graph import topological_order
from nn import MLP

SPECIAL = [-2.5, -1.0, -0.0, 0.0, 0.5, 1.0, 3.0, 800.0, -800.0, math.nan, math.inf, -math.inf,
           0.1, 1 / 3, -math.e, 1e16, -1e16]  # the last ones expose any change of rounding order
PARAMS = [0.0, 1.0, 2.0, 0.5, -1.0, 3.0, 0.01]


def registry() -> list[type]:
    """Every op class the engine exports."""
    found = [getattr(ops, name) for name in ops.__all__]
    return [op for op in found if isinstance(op, type) and issubclass(op, ops.Op) and op is not ops.Op]


def same(a: float, b: float) -> bool:
    """Equal to the last bit: the sign of a zero counts, and nan equals nan."""
    if a != a or b != b:
        return a != a and b != b
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def shapes(op: type) -> list[tuple[int, int]]:
    """(inputs, params) the op takes: inputs are what local_grads returns a derivative for."""
    sig = inspect.signature(op.forward).parameters.values()
    variadic = any(p.kind is p.VAR_POSITIONAL for p in sig)
    positional = sum(p.kind is p.POSITIONAL_OR_KEYWORD for p in sig)
    counts = [1, 2, 3, 5] if variadic else [positional]
    found = []
    for k in counts:
        args = [0.5 + i for i in range(k)]
        n_inputs = len(op.local_grads(op.forward(*args), *args))
        found.append((n_inputs, k - n_inputs))
    return found


def cases(op: type) -> list[tuple[tuple, tuple]]:
    rng = random.Random(op.__name__)
    out = []
    for n_in, n_par in shapes(op):
        combos = list(itertools.product(SPECIAL, repeat=n_in)) if n_in <= 2 else [
            tuple(rng.choice(SPECIAL) for _ in range(n_in)) for _ in range(150)] + [(1.0,) * n_in]
        for xs in combos:
            for params in ([tuple(rng.choice(PARAMS) for _ in range(n_par))] if n_par else [()]):
                out.append((xs, params))
    return out


def check_script(root: Value, **options) -> None:
    """Exec the script; every node's value and gradient must equal the engine's."""
    order = topological_order(root)
    space: dict = {}
    exec(to_source(root, **options), space)
    from autograd.codegen.source import names_of

    names = names_of(order, readable=True)
    for node in order:
        name = names[node]
        assert same(space[name], node.data), (name, space[name], node.data)
        assert same(space["grad_" + name], node.grad), ("grad_" + name, space["grad_" + name], node.grad)


@pytest.mark.parametrize("op", registry(), ids=lambda op: op.__name__)
def test_every_op_matches_the_engine_at_special_values(op):
    checked = 0
    for xs, params in cases(op):
        leaves = tuple(Value(x, label=f"x{i}") for i, x in enumerate(xs))
        try:
            node = Value.from_op(op, leaves, params)
        except ArithmeticError:
            continue  # the engine itself refuses these inputs: nothing to replay
        root = node * Value(-0.75, label="c")  # a gradient other than 1 flows into the op
        root.backward()
        check_script(root)
        check_script(root, numbers=True)
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("op", registry(), ids=lambda op: op.__name__)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_op_matches_the_engine_on_any_floats(op, data):
    n_in, n_par = data.draw(st.sampled_from(shapes(op)))
    xs = data.draw(st.lists(st.floats(width=64), min_size=n_in, max_size=n_in))
    params = data.draw(st.lists(st.floats(-3, 3), min_size=n_par, max_size=n_par))
    leaves = tuple(Value(x, label=f"x{i}") for i, x in enumerate(xs))
    try:
        node = Value.from_op(op, leaves, tuple(params))
    except ArithmeticError:
        return
    root = node * Value(data.draw(st.floats(-2, 2)), label="c")
    root.backward()
    check_script(root)


def test_the_registry_covers_every_op_class():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    assert {c for c in subclasses(ops.Op) if c.__module__.startswith("autograd.ops")} <= set(registry())


def random_graph(seed: int) -> Value:
    """A random graph over the registry's ops, reusing earlier nodes as inputs."""
    rng = random.Random(seed)
    nodes = [Value(rng.uniform(-2, 2), label=f"x{i}") for i in range(3)]
    nodes.append(Value.constant(rng.choice([0.0, 1.0, -2.0])))
    for _ in range(25):
        op = rng.choice(registry())
        n_in, n_par = rng.choice(shapes(op))
        parents = tuple(rng.choice(nodes) for _ in range(n_in))
        params = tuple(rng.choice(PARAMS) for _ in range(n_par))
        try:
            nodes.append(Value.from_op(op, parents, params))
        except ArithmeticError:
            continue
    return Value.sum(nodes[-6:]) * nodes[-1]


@pytest.mark.parametrize("seed", range(25))
def test_random_graphs_with_reused_nodes(seed):
    root = random_graph(seed)
    root.backward()
    check_script(root)


def test_a_reused_node_accumulates_both_edges():
    a = Value(3.0, label="a")
    b = a + a
    b.label = "b"
    c = b * b
    c.label = "c"
    c.backward()
    text = to_source(c)
    assert text.count("grad_a += grad_b") == 2
    assert text.count("grad_b += b * grad_c") == 2
    check_script(c)


def test_an_nn_model_with_textbook_labels():
    model = MLP(2, [3, 1], activation="sigmoid", seed=0).label_textbook()
    x = [Value(0.5, label="x1"), Value(-1.5, label="x2")]
    loss = (model(x) - 1.0) ** 2
    loss.backward()
    check_script(loss)
    text = to_source(loss)
    assert "I3 = θ3 + w13 * x1 + w23 * x2  # dot" in text
    assert "grad_I3 += O3 * (1.0 - O3) * grad_O3  # sigmoid" in text


def test_wide_nodes_stay_one_line():
    xs = [Value(0.1 * i, label=f"x{i}") for i in range(300)]
    y = Value.dot(xs, xs[::-1], xs[0]) * Value.sum(xs * 4)
    y.backward()
    text = to_source(y)
    assert len(text.splitlines()) < 300 + 2 * 300 + 1200 + 400  # a line per node and per edge
    check_script(y)


def test_names_come_from_labels_made_unique_and_valid():
    a, b, bad = Value(1.0, label="w"), Value(2.0, label="w"), Value(3.0, label="not valid")
    kw, clash = Value(4.0, label="lambda"), Value(5.0, label="sum")
    m = a.max(b)
    m.label = "m"
    tmp = Value(6.0, label="d_m")  # the name the text gives max's local derivatives
    y = a * b + bad + kw + clash + m * tmp
    y.label = "y"
    y.backward()
    text = to_source(y)
    assert "w = 1.0" in text and "w_2 = 2.0" in text and "grad_w_2 += w * grad_" in text
    assert "not valid" not in text and "lambda =" not in text and "\nsum =" not in text
    check_script(y)


def test_the_readme_neuron_reads_as_the_formula():
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    o.backward()
    text = to_source(o)
    assert "o = math.tanh(n)  # tanh" in text
    assert "grad_n += (1.0 - o * o) * grad_o  # tanh" in text
    assert "grad_x1 += w1 * grad_" in text
    numbers = to_source(o, numbers=True)
    assert "grad_x1 += -3.0 * grad_" in numbers
    check_script(o)


def test_function_form_takes_the_leaves_and_returns_their_gradients():
    x, w = Value(2.0, label="x"), Value(-3.0, label="w")
    y = (x * w + 1.0).relu() + x * x
    y.backward()
    space: dict = {}
    exec(to_source(y, function="forward_backward"), space)
    value, grads = space["forward_backward"](2.0, -3.0)
    assert value == y.data and grads == {"x": x.grad, "w": w.grad}
    value, grads = space["forward_backward"](2.0, 1.0)  # the relu branch is taken inside the code
    assert value == 7.0 and grads == {"x": 1.0 + 4.0, "w": 2.0}


def test_source_prints_plain_and_shows_highlighted_html():
    y = Value(2.0, label="x") * 3.0
    y.backward()
    text = to_source(y)
    assert str(text) == text and "x = 2.0" in text
    assert "<" in text._repr_html_() and "x" in text._repr_html_()


def test_bad_arguments_say_how_to_fix_the_call():
    with pytest.raises(TypeError, match="needs a Value"):
        to_source(3.0)
    with pytest.raises(ValueError, match="valid Python name"):
        to_source(Value(1.0), function="not a name")
