"""nn.gradcheck(model, loss, X, targets): every parameter against central differences."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nn
from autograd import Value


def test_an_mlp_passes_and_rows_follow_the_parameters():
    model = nn.MLP(2, [3, 1], activation="tanh", seed=0)
    for n in model.layers[0].neurons + model.layers[1].neurons:  # labels that repeat from unit to unit
        for k, w in enumerate(n.w, start=1):
            w.label = f"w{k}"
        n.b.label = "b"
    report = nn.gradcheck(model, "mse", [[0.1, 0.2], [0.5, -1.0]], [1.0, 0.0])
    assert report.passed and bool(report)
    assert [r.value for r in report.rows] == [p.data for p in model.parameters()]
    assert report.max_abs_error < 1e-8
    # the labels do not tell the parameters apart, so rows are named by layer and unit, counted from 1
    assert report.rows[0].name == "Layer 1 / Neuron 1 / w1"
    assert report.rows[-1].name == "Layer 2 / Neuron 1 / b"
    assert "all passed" in str(report) and "<table" in report._repr_html_()


def test_textbook_labels_name_the_rows():
    model = nn.MLP(3, [2, 1], activation="sigmoid", output_activation="sigmoid", labels="textbook", seed=0)
    report = nn.gradcheck(model, nn.half_squared_error, [[1, 0, 1]], [1.0])
    assert [r.name for r in report.rows] == ["w14", "w24", "w34", "θ4", "w15", "w25", "w35", "θ5",
                                             "w46", "w56", "θ6"]


def test_a_wrong_backward_is_caught():
    class Broken(nn.Module):
        """y = w x + w^2, but the w^2 is computed from .data: backward() never sees it (a classic bug)."""

        def __init__(self):
            self.w = nn.Parameter(0.5, "w")

        def forward(self, x):
            return self.w * x[0] + Value(self.w.data ** 2)

    report = nn.gradcheck(Broken(), "mse", [[2.0]], [0.0])
    assert not report.passed and "FAIL" in str(report)


def test_gradients_are_put_back_and_dropout_is_refused():
    model = nn.MLP(1, [2, 1], seed=0)
    for p in model.parameters():
        p.grad = 7.0
    nn.gradcheck(model, "mse", [[0.3]], [1.0])
    assert all(p.grad == 7.0 for p in model.parameters())
    noisy = nn.Sequential(nn.Layer(1, 8, seed=0), nn.Dropout(0.5, seed=1), nn.Layer(8, 1, nonlin=False, seed=2))
    with pytest.raises(ValueError, match="model.eval"):
        nn.gradcheck(noisy, "mse", [[0.3], [0.1]], [1.0, 0.0])
    assert nn.gradcheck(noisy.eval(), "mse", [[0.3], [0.1]], [1.0, 0.0]).passed


def test_bad_calls():
    with pytest.raises(TypeError, match="Module"):
        nn.gradcheck(lambda x: Value(1.0), "mse", [[1.0]], [1.0])
    with pytest.raises(ValueError, match="one target per sample"):
        nn.gradcheck(nn.MLP(1, [1]), "mse", [[1.0], [2.0]], [1.0])


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), activation=st.sampled_from(["tanh", "sigmoid", "softplus", "gelu", "swish"]),
       hidden=st.integers(1, 4), x=st.lists(st.floats(-2, 2), min_size=2, max_size=2),
       target=st.floats(-1, 1))
def test_backward_matches_central_differences_for_any_smooth_mlp(seed, activation, hidden, x, target):
    model = nn.MLP(2, [hidden, 1], activation=activation, seed=seed)
    assert nn.gradcheck(model, "mse", [x], [target], atol=1e-6, rtol=1e-4).passed


def test_the_two_gradchecks_say_which_one_was_meant():
    import autograd

    model = nn.MLP(2, [1], seed=0)
    with pytest.raises(TypeError, match=r"nn.gradcheck\(model, loss, X, targets\)"):
        autograd.gradcheck(model, [1.0, 2.0])
    with pytest.raises(TypeError, match=r"autograd.gradcheck\(fn, inputs\)"):
        nn.gradcheck(lambda a: a * a, "mse", [[1.0]], [1.0])
