"""trace (a node-by-node table) and explain (one gradient as the chain rule along every path)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, topological_order
from autograd.teach import Explanation, Table, explain, fixed, trace


def unit_graph():
    """Han & Kamber's network by hand with the engine only: hidden units 4 and 5, output unit 6."""
    x = [Value(1.0, "x1"), Value(0.0, "x2"), Value(1.0, "x3")]
    w = {name: Value(v, name) for name, v in [("w14", 0.2), ("w24", 0.4), ("w34", -0.5), ("θ4", -0.4),
                                              ("w15", -0.3), ("w25", 0.1), ("w35", 0.2), ("θ5", 0.2),
                                              ("w46", -0.3), ("w56", -0.2), ("θ6", 0.1)]}
    net = {}
    net[4] = Value.dot([w["w14"], w["w24"], w["w34"]], x, w["θ4"])
    net[5] = Value.dot([w["w15"], w["w25"], w["w35"]], x, w["θ5"])
    o4, o5 = net[4].sigmoid(), net[5].sigmoid()
    net[6] = Value.dot([w["w46"], w["w56"]], [o4, o5], w["θ6"])
    o6 = net[6].sigmoid()
    for j, node in net.items():
        node.label = f"I{j}"
    o4.label, o5.label, o6.label = "O4", "O5", "O6"
    loss = 0.5 * (1.0 - o6) ** 2
    loss.label = "E"
    return loss, w, x, net


# ---- trace --------------------------------------------------------------------------------------
def test_trace_lists_every_node_in_topological_order_with_ids():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    c = a * b
    c.label = "c"
    table = trace(c)
    assert isinstance(table, Table) and len(table) == 3
    assert table.column("id") == ["n0", "n1", "n2"]
    assert table.column("label") == ["a", "b", "c"]
    assert table.column("op") == ["", "", "*"]
    assert table.column("inputs") == ["", "", "n0 n1"]
    assert table.column("role") == ["input", "input", "intermediate"]
    assert table.column("data") == ["2.000", "-3.000", "-6.000"]  # 4 significant figures
    assert table.column("grad") == ["", "", ""]  # no backward pass yet: blank, not 0


def test_trace_shows_gradients_after_backward_with_chosen_decimals():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    c = a * b
    c.backward()
    table = trace(c, decimals=2)
    assert table.column("grad") == ["-3.00", "2.00", "1.00"]
    assert trace(c, decimals=0).column("data") == ["2", "-3", "-6"]


def test_trace_of_a_network_matches_the_graph():
    loss, w, _, net = unit_graph()
    loss.backward()
    table = trace(loss, decimals=4)
    order = topological_order(loss)
    assert len(table) == len(order)
    row = table.column("label").index("I4")
    assert table.column("op")[row] == "Σ w·x + b"  # as the picture writes the neuron's net input
    assert table.column("data")[row] == "-0.7000"
    assert table.column("grad")[row] == fixed(net[4].grad, 4) == "0.0087"
    assert table.column("inputs")[row].split() == [f"n{order.index(p)}" for p in net[4].parents]


def test_trace_text_is_aligned_and_html_is_a_table():
    a = Value(1.5, "<a>")
    b = (a * 10).tanh()
    b.backward()
    table = trace(b)
    lines = str(table).splitlines()
    assert lines[0].startswith("trace of n")
    header, rule, *rows = lines[1:]
    # every column starts where its header starts (the rule under the header marks the columns)
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    assert len(starts) == len(table.columns) and len(rows) == 4
    html = table._repr_html_()
    assert html.startswith("<table") and html.count("<tr>") == 5
    assert "&lt;a&gt;" in html and "<a>" not in html  # labels are escaped


def test_trace_rejects_bad_input():
    with pytest.raises(TypeError, match="Value"):
        trace(3.0)
    with pytest.raises(ValueError, match="decimals"):
        trace(Value(1.0), decimals=-1)
    with pytest.raises(ValueError, match="cells"):
        Table(["a", "b"], [["1"]])
    with pytest.raises(KeyError, match="more than one column"):
        Table(["ok", "ok"], [["1", "2"]]).column("ok")
    with pytest.raises(KeyError, match="no column"):
        trace(Value(1.0)).column("gradient")


def test_fixed_drops_the_sign_of_a_rounded_zero_and_reads_differentiable_grads():
    assert fixed(-0.00001, 4) == "0.0000"
    assert fixed(None, 4) == ""
    assert fixed(Value(0.25), 2) == "0.25"
    assert fixed(math.inf, 3) == "inf"


# ---- explain ------------------------------------------------------------------------------------
def test_explain_one_path_writes_the_chain_rule_with_numbers():
    loss, w, _, net = unit_graph()
    loss.backward()
    why = explain(w["w14"], loss)
    assert isinstance(why, Explanation)
    assert why.total == w["w14"].grad  # the same accumulation as backward(): exactly equal
    assert why.path_count == 1
    lines = str(why).splitlines()
    assert lines[0] == "dE/dw14 = dE/dO6 · dO6/dI6 · dI6/dO4 · dO4/dI4 · dI4/dw14"
    assert lines[1].strip() == "= (-0.526)(0.249)(-0.3)(0.222)(1)"
    assert lines[2].strip() == "= 0.00872"
    (factors, product), = why.paths
    assert [f[:2] for f in factors] == [("E", "O6"), ("O6", "I6"), ("I6", "O4"), ("O4", "I4"), ("I4", "w14")]
    # the folded first factor dE/dO6 is the loss's own steps: -(T - O6)
    o6 = net[6].sigmoid().data
    assert factors[0][2] == pytest.approx(-(1 - o6), rel=1e-15)
    assert product == pytest.approx(w["w14"].grad, rel=1e-14)
    assert "∂E/∂w14" in why._repr_html_() and float(why) == why.total
    assert repr(why) == "<Explanation dE/dw14 = 0.00872 (1 path)>"


def test_explain_sums_over_several_paths():
    loss, _, x, _ = unit_graph()
    loss.backward()
    why = explain(x[0], loss)  # x1 feeds both hidden units
    assert why.path_count == 2 and len(why.paths) == 2
    assert sum(p for _, p in why.paths) == pytest.approx(x[0].grad, rel=1e-12)
    assert why.total == x[0].grad
    text = str(why)
    assert text.startswith("dE/dx1 = the sum over 2 paths:")
    assert "path 1: dE/dO6 · dO6/dI6 · dI6/dO4" in text and "path 2: dE/dO6 · dO6/dI6 · dI6/dO5" in text


def test_explain_counts_each_edge_of_a_reused_node():
    a = Value(3.0, "a")
    b = a + a
    b.label = "b"
    c = b * b
    c.label = "c"
    c.backward()
    why = explain(a, c)
    assert why.path_count == 4  # two edges c -> b, each followed by two edges b -> a
    assert why.total == a.grad == 24.0
    assert [p for _, p in why.paths] == [6.0] * 4


def test_explain_refuses_to_write_out_too_many_paths_but_gives_the_sum():
    x = Value(1.01, "x")
    y = x
    for _ in range(60):  # each level doubles the number of paths: 2**60 in all
        y = y * y
    y.backward()
    why = explain(x, y, max_paths=50)
    assert why.path_count == 2**60 and why.paths == []
    assert why.total == x.grad
    assert f"the sum over {2**60} paths" in str(why) and "max_paths=50" in str(why)


def test_explain_a_deep_chain_without_recursion():
    x = Value(0.5, "x")
    y = x
    for _ in range(10_000):  # far past Python's recursion limit
        y = y * 1.0
    y.label = "y"
    y.backward()
    why = explain(x, y)
    assert why.path_count == 1 and why.total == x.grad == 1.0
    (factors, _), = why.paths
    assert factors == [("y", "x", 1.0)]  # the unlabelled chain folds into one factor


def test_explain_names_unlabelled_nodes_by_id_and_handles_the_root_itself():
    a = Value(2.0)
    b = a.exp()
    b.backward()
    why = explain(a, b)
    assert str(why).splitlines()[0].startswith("dn1/dn0 = dn1/dn0")
    assert explain(b, b).total == 1.0 and str(explain(b, b)) == "dn1/dn1 = 1"


def test_explain_of_an_intermediate_node_is_minus_the_books_error():
    loss, _, _, net = unit_graph()
    loss.backward()
    why = explain(net[6], loss)
    o6 = net[6].sigmoid().data
    assert -why.total == pytest.approx(o6 * (1 - o6) * (1 - o6), rel=1e-14)  # Err6


def test_explain_rejects_bad_input():
    a, b = Value(1.0, "a"), Value(2.0, "b")
    c = a * 2
    with pytest.raises(ValueError, match="not in the graph"):
        explain(b, c)
    with pytest.raises(TypeError):
        explain(1.0, c)
    with pytest.raises(TypeError):
        explain(a, 2.0)
    with pytest.raises(ValueError, match="digits"):
        explain(a, c, digits=0)


OPS = [lambda u, v: u + v, lambda u, v: u * v, lambda u, v: u - v, lambda u, v: (u * v).tanh(),
       lambda u, v: u.sigmoid() * v, lambda u, v: Value.dot([u, v], [v, u], u)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(OPS) - 1), st.integers(0, 50), st.integers(0, 50)),
                min_size=1, max_size=12),
       st.lists(st.floats(-2, 2, allow_nan=False), min_size=3, max_size=3))
def test_explain_agrees_with_backward_on_random_graphs(steps, data):
    nodes = [Value(v, f"x{i}") for i, v in enumerate(data)]
    for op, i, j in steps:
        nodes.append(OPS[op](nodes[i % len(nodes)], nodes[j % len(nodes)]))
    root = nodes[-1]
    root.backward()
    for leaf in nodes[:3]:
        if leaf.grad is None:  # not behind the root
            continue
        why = explain(leaf, root, max_paths=10_000)
        assert why.total == leaf.grad
        if why.paths:
            assert sum(p for _, p in why.paths) == pytest.approx(leaf.grad, rel=1e-9, abs=1e-12)


def test_trace_and_explain_are_exported_and_a_table_shows_itself_as_text():
    import autograd

    a = autograd.Value(2.0, "a")
    b = (a * 3).tanh()
    b.backward()
    table = autograd.trace(b)
    assert repr(table) == str(table) and "tanh" in repr(table)
    assert autograd.explain(a, b).total == a.grad


def test_trace_writes_each_op_with_its_parameters_as_the_picture_does():
    x = Value(2.0, label="x")
    y = (-(x**2)).leaky_relu(0.1)
    assert trace(y).column("op") == ["", "**2", "-", "leaky_relu(0.1)"]
