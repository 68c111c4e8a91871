"""topological_order: iterative, deterministic, parents first."""

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
