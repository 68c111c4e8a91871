"""topological_order: iterative, deterministic, parents first."""

from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, topological_order


def test_parents_come_before_children_and_root_last():
    a, b, d = Value(1.0, "a"), Value(2.0, "b"), Value(3.0, "d")
    ab = a * b
    c = ab + d
    order = topological_order(c)
    assert order == [a, b, ab, d, c]


def test_each_node_once_even_when_reused():
    a = Value(1.0)
    b = a + a
    c = b * b
    assert topological_order(c) == [a, b, c]


def test_order_is_deterministic():
    def build():
        xs = [Value(float(i), f"x{i}") for i in range(20)]
        return Value.sum([x * x for x in xs] + [xs[0].tanh()])

    first = [n.label or n.op for n in topological_order(build())]
    second = [n.label or n.op for n in topological_order(build())]
    assert first == second


def test_deep_graph_without_recursion():
    x = Value(1.0)
    for _ in range(300_000):
        x = x.relu()
    order = topological_order(x)
    assert len(order) == 300_001 and order[-1] is x


def test_a_shared_input_comes_before_every_node_that_uses_it():
    # Regression: an input waiting on the stack was once marked visited early, so a*b came before a.
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    ab = a * b
    c = ab + a
    order = topological_order(c)
    assert order == [a, b, ab, c]
    position = {node: i for i, node in enumerate(order)}
    for node in order:
        assert all(position[p] < position[node] for p in node.parents)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), st.booleans()), min_size=1, max_size=40))
def test_every_parent_precedes_its_children_on_random_graphs(recipe):
    nodes = [Value(1.0), Value(2.0), Value(3.0)]
    for i, j, add in recipe:  # each new node combines two earlier ones (inputs are shared freely)
        a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
        nodes.append(a + b if add else a * b)
    order = topological_order(nodes[-1])
    position = {node: k for k, node in enumerate(order)}
    assert len(position) == len(order) and order[-1] is nodes[-1]
    for node in order:
        assert all(position[p] < position[node] for p in node.parents)
