"""Value: construction, validation, repr, operators, roles, and micrograd's README example."""

import math

import pytest

from autograd import Value


def test_micrograd_readme_example_runs_unchanged():
    a = Value(-4.0)
    b = Value(2.0)
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    assert f"{g.data:.4f}" == "24.7041"
    g.backward()
    assert f"{a.grad:.4f}" == "138.8338"
    assert f"{b.grad:.4f}" == "645.5773"


@pytest.mark.parametrize("bad", ["3", None, [1.0], 1 + 2j, True])
def test_non_numeric_data_is_a_type_error_naming_the_value(bad):
    with pytest.raises(TypeError, match="real number") as info:
        Value(bad)
    assert repr(bad) in str(info.value)


def test_a_value_cannot_wrap_a_value():
    with pytest.raises(TypeError, match="detach"):
        Value(Value(1.0))


def test_label_must_be_a_string():
    with pytest.raises(TypeError, match="label"):
        Value(1.0, label=3)


def test_ints_and_huge_ints_become_floats():
    assert Value(3).data == 3.0 and type(Value(3).data) is float
    assert Value(10**400).data == math.inf
    assert Value(-(10**400)).data == -math.inf


def test_numpy_scalars_are_accepted():
    np = pytest.importorskip("numpy")
    assert Value(np.float32(0.5)).data == 0.5


def test_repr_is_short_and_readable():
    w = Value(0.2, label="w14")
    assert repr(w) == "Value(data=0.2, grad=None, label='w14')"
    x = Value(1.0)
    (x * 3).backward()
    assert repr(x) == "Value(data=1, grad=3)"


def test_format_and_round_use_the_data():
    v = Value(0.33181222)
    assert f"{v:.3f}" == "0.332"
    assert round(v, 3) == 0.332
    assert float(v) == v.item() == 0.33181222


def test_operator_with_a_non_number_is_a_type_error():
    with pytest.raises(TypeError):
        Value(1.0) + "a"
    with pytest.raises(TypeError):
        "a" * Value(1.0)
    with pytest.raises(TypeError, match="sum"):
        Value.sum([Value(1.0), "x"])


def test_reflected_operators_record_the_number_as_a_constant():
    x = Value(4.0, "x")
    for expr, data, op in [(2 - x, -2.0, "-"), (2 / x, 0.5, "/"), (2**x, 16.0, "**"), (2 * x, 8.0, "*"),
                           (2 + x, 6.0, "+")]:
        assert expr.data == data and expr.op == op
        const, var = expr.parents
        assert const.role == "constant" and const.data == 2.0 and var is x


def test_parents_are_an_ordered_tuple_keeping_repeated_edges():
    a = Value(3.0)
    sq = a * a
    assert sq.parents == (a, a)
    sq.backward()
    assert a.grad == 6.0


def test_sub_and_div_are_single_nodes_shown_as_written():
    a, b = Value(6.0), Value(3.0)
    assert (a - b).op == "-" and (a / b).op == "/"
    assert (a - b).parents == (a, b)


def test_roles():
    x = Value(1.0)
    w = Value(2.0)
    w.role = "parameter"
    y = w * x + 1
    assert x.role == "input" and w.role == "parameter" and y.role == "intermediate"
    assert y.parents[1].role == "constant"
    with pytest.raises(ValueError, match="role"):
        x.role = "weight"
    with pytest.raises(ValueError, match="leaf"):
        y.role = "parameter"


def test_local_grads_are_recorded_per_parent():
    a, b = Value(2.0), Value(5.0)
    assert (a * b).local_grads == (5.0, 2.0)
    assert a.local_grads is None


def test_comparisons_use_data_and_equality_is_identity():
    a, b = Value(1.0), Value(1.0)
    assert a < 2 and b >= a and a <= b and not (a > b)
    assert a != b and a == a
    assert len({a, b}) == 2
    with pytest.raises(TypeError, match="compare"):
        _ = a < "x"


def test_dot_is_one_node_with_ordered_parents():
    w = [Value(0.2), Value(0.4), Value(-0.5)]
    x = [1.0, 0.0, 1.0]
    b = Value(-0.4)
    net = Value.dot(w, x, b)
    assert net.op == "dot" and len(net.parents) == 7
    assert net.data == pytest.approx(-0.7)
    assert net.parents[:3] == tuple(w) and net.parents[-1] is b
    with pytest.raises(ValueError, match="2 inputs for 3 weights"):
        Value.dot(w, [1.0, 2.0], b)


def test_sum_of_nothing_is_zero():
    assert Value.sum([]).data == 0.0


def test_wide_sum_is_one_node():
    terms = [Value(float(i)) for i in range(1000)]
    total = Value.sum(terms)
    assert len(total.parents) == 1000 and total.data == sum(range(1000))
    total.backward()
    assert all(t.grad == 1.0 for t in terms)


def test_leaky_relu_slope_must_be_a_number():
    with pytest.raises(TypeError, match="slope"):
        Value(1.0).leaky_relu("0.1")
    with pytest.raises(TypeError, match="slope"):
        Value(1.0).prelu("0.1")


def test_silu_is_swish():
    assert Value(0.3).silu().data == Value(0.3).swish().data


def test_dot_without_bias():
    w, x = [Value(2.0), Value(3.0)], [Value(4.0), Value(5.0)]
    net = Value.dot(w, x)
    assert net.data == 23.0 and len(net.parents) == 4
    net.backward()
    assert [v.grad for v in w + x] == [4.0, 5.0, 2.0, 3.0]


# ---- Python semantics: == is identity (and warns against a number), bool follows the data -------------

def test_equality_is_identity_so_values_work_in_sets():
    a, b = Value(1.0), Value(1.0)
    assert a == a and a != b and len({a, b, a}) == 2


def test_comparing_a_value_with_a_number_warns_and_says_what_to_write():
    import pytest

    from autograd.value import IdentityComparisonWarning

    with pytest.warns(IdentityComparisonWarning, match=r"value.data == 1"):
        assert not (Value(1.0) == 1)
    with pytest.warns(IdentityComparisonWarning):
        assert 1.0 != Value(1.0)


def test_bool_follows_the_data_as_pytorch():
    assert not Value(0.0) and not Value(-0.0)
    assert Value(0.5) and Value(float("nan"))
    loss = Value(2.0) - 2.0
    assert not loss  # `if loss:` is False for a zero loss


def test_order_comparisons_use_the_data():
    assert Value(1.0) < 2 and Value(3.0) >= Value(3.0) and max([Value(1.0), Value(4.0)]).data == 4.0


# ---- copy.deepcopy and pickle work at any depth ---------------------------------------------------------

def _chain(n):
    x = Value(0.5, "x")
    y = x
    for _ in range(n):
        y = y * 1.0001 + 0.0
    return x, y


def _roundtrips():
    import copy
    import pickle

    return [lambda o: pickle.loads(pickle.dumps(o)), copy.deepcopy]


def test_deepcopy_and_pickle_of_a_10000_step_chain_keep_data_grads_and_shared_leaves():
    from autograd import topological_order

    x, y = _chain(10_000)
    y.backward()
    for roundtrip in _roundtrips():
        y2, x2 = roundtrip([y, x])
        order = topological_order(y2)
        assert len(order) == len(topological_order(y)) and order[0] is x2  # the leaf is shared, not copied
        assert y2.data == y.data and y2.grad == 1.0 and x2.grad == x.grad and x2.label == "x"
        assert [n.grad for n in order] == [n.grad for n in topological_order(y)]
        y2.backward()  # the copy is a working graph of its own
        assert x2.grad == 2 * x.grad and x.grad == order[0].grad / 2


def test_pickle_keeps_a_reused_node_and_the_ops():
    import pickle

    a = Value(3.0, "a")
    b = a + a
    c = (b * b).tanh()
    c2 = pickle.loads(pickle.dumps(c))
    b2 = c2.parents[0].parents[0]
    assert c2.op == "tanh" and b2.parents[0] is b2.parents[1] and b2.op == "+"
    c2.backward()
    c.backward()
    assert b2.parents[0].grad == a.grad


def test_pickle_of_create_graph_gradients():
    import pickle

    a = Value(1.5)
    b = (a * a).tanh()
    b.backward(create_graph=True)
    a2, b2 = pickle.loads(pickle.dumps([a, b]))
    assert isinstance(a2.grad, Value) and a2.grad.data == a.grad.data and b2.data == b.data


def test_copy_copy_is_a_new_node_with_the_same_parents():
    import copy

    a = Value(2.0)
    b = a * 3
    c = copy.copy(b)
    assert c is not b and c.parents == b.parents and c.data == 6.0 and c.op == "*"


def test_pickle_round_trip_of_random_graphs_keeps_values_ops_and_gradients():
    import pickle

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from autograd import topological_order

    build = {"+": lambda a, b: a + b, "*": lambda a, b: a * b, "tanh": lambda a, b: a.tanh(),
             "relu": lambda a, b: a.relu(), "max": lambda a, b: a.max(b),
             "sum": lambda a, b: Value.sum([a, b, a])}
    steps = st.lists(st.tuples(st.sampled_from(sorted(build)), st.integers(0, 50), st.integers(0, 50)),
                     min_size=1, max_size=30)

    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.floats(-3, 3), min_size=1, max_size=4), steps)
    def check(leaves, plan):
        nodes = [Value(x, f"x{i}") for i, x in enumerate(leaves)]
        for op, i, j in plan:
            nodes.append(build[op](nodes[i % len(nodes)], nodes[j % len(nodes)]))
        root = nodes[-1]
        root.backward()
        twin = pickle.loads(pickle.dumps(root))
        ours, theirs = topological_order(root), topological_order(twin)
        assert [(n.data, n.op, n.label, n.grad) for n in ours] == [(n.data, n.op, n.label, n.grad) for n in theirs]
        for n in theirs:
            n.grad = None
        twin.backward()
        assert [n.grad for n in theirs] == [n.grad for n in ours]

    check()


def test_micrograd_graph_code_reading_prev_runs_unchanged():
    """micrograd's trace_graph notebook walks `v._prev`: the one private name kept, as the parents."""
    a, b = Value(2.0), Value(3.0)
    out = (a * b + a).tanh()

    nodes, edges = set(), set()

    def build(v):  # as micrograd's notebook writes it
        if v not in nodes:
            nodes.add(v)
            for child in v._prev:
                edges.add((child, v))
                build(child)

    build(out)
    assert out._prev is out.parents
    assert nodes == {out, *out.parents, a, b, out.parents[0].parents[0]}
    assert len(edges) == 5
