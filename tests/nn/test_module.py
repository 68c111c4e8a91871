"""Module: parameters found automatically in a stable order, readable names, zero_grad, train/eval,
repr, clusters for the neuron-level view, state dicts; and the import guard of nn/_check.py."""

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

import autograd
from autograd import Value
from nn import MLP, BatchNorm1d, Dropout, Layer, Module, Neuron, Parameter, Sequential
from nn._check import check_engine

ROOT = Path(__file__).resolve().parents[2]


class Affine(Module):
    """A user-written module, micrograd style: plain Values in attributes, no registration."""

    def __init__(self):
        self.scale = Value(2.0)
        self.inner = Layer(2, 1, seed=0)
        self.shift = [Value(0.5)]
        self.note = "not a parameter"

    def forward(self, x):
        return self.inner(x) * self.scale + self.shift[0]


def test_parameters_are_found_automatically_in_a_stable_order():
    m = Affine()
    names = [name for name, _ in m.named_parameters()]
    assert names == ["scale", "shift.0", "inner.neurons.0.w.0", "inner.neurons.0.w.1", "inner.neurons.0.b"]
    assert m.parameters() == [p for _, p in m.named_parameters()]
    assert m.parameters() == m.parameters()  # same objects, same order, every call
    assert all(p.role == "parameter" for p in m.parameters())  # storing a leaf on a module marks it


def test_named_parameters_read_like_the_structure():
    names = [name for name, _ in MLP(2, [2, 1]).named_parameters()]
    assert names[:3] == ["layers.0.neurons.0.w.0", "layers.0.neurons.0.w.1", "layers.0.neurons.0.b"]
    assert names[-1] == "layers.1.neurons.0.b"
    assert [n for n, _ in Neuron(2, activation="prelu").named_parameters()] == ["w.0", "w.1", "b", "slope"]


def test_shared_parameters_are_listed_once_and_results_are_not():
    shared = Layer(2, 1)
    m = Sequential(shared, shared)
    assert len(m.parameters()) == 3

    class Cached(Module):
        def __init__(self):
            self.w = Parameter(1.0)
            self.last = self.w * 2  # an op result, not a parameter

    assert Cached().parameters()[0].data == 1.0 and len(Cached().parameters()) == 1


def test_zero_grad_sets_gradients_to_zero_as_micrograd():
    m = MLP(2, [3, 1], seed=0)
    assert all(p.grad is None for p in m.parameters())
    m([1.0, 2.0]).backward()
    assert any(p.grad != 0 for p in m.parameters())
    m.zero_grad()
    assert all(p.grad == 0.0 and isinstance(p.grad, float) for p in m.parameters())


def test_value_module_and_optimizer_share_one_zero_grad_switch():
    from nn import SGD

    m = MLP(2, [3, 1], seed=0)
    w = m.parameters()[0]
    opt = SGD(m.parameters(), lr=0.1)

    def after(reset, **switch):
        m([1.0, 2.0]).backward()
        reset(**switch)
        return w.grad

    for reset, default in ((w.zero_grad, 0.0), (m.zero_grad, 0.0), (opt.zero_grad, None)):
        assert after(reset) == default if default is not None else after(reset) is None
        assert after(reset, set_to_none=True) is None
        assert after(reset, set_to_none=False) == 0.0 and isinstance(w.grad, float)
    m([1.0, 2.0]).backward()
    first = w.grad
    m.zero_grad(set_to_none=True)
    m([1.0, 2.0]).backward()  # backward starts a None gradient from 0.0, as a reset one
    assert w.grad == first


def test_train_and_eval_reach_every_submodule():
    m = Sequential(Layer(2, 2), Dropout(0.5), BatchNorm1d(2))
    assert m.training and all(sub.training for _, sub in m.named_modules())
    assert m.eval() is m
    assert not any(sub.training for _, sub in m.named_modules())
    m.train()
    assert all(sub.training for _, sub in m.named_modules())
    with pytest.raises(TypeError):
        m.train("no")


def test_call_runs_forward():
    m = Affine()
    assert m([1.0, 2.0]).data == m.forward([1.0, 2.0]).data
    with pytest.raises(NotImplementedError, match="forward"):
        Module()()


def test_repr_shows_architecture_and_parameter_counts():
    text = repr(MLP(3, [4, 2], activation="sigmoid", output_activation="softmax"))
    assert text.splitlines() == [
        "MLP(3 -> 4 -> 2, parameters=26)",
        "  (layers.0): Layer(3 -> 4, sigmoid, parameters=16)",
        "  (layers.1): Layer(4 -> 2, softmax, parameters=10)",
    ]
    assert repr(Neuron(3)) == "Neuron(3, relu, parameters=4)"
    assert "Dropout(p=0.25, parameters=0)" in repr(Sequential(Layer(2, 2), Dropout(0.25)))


def test_clusters_name_layers_and_neurons():
    m = MLP(2, [3, 1])
    clusters = m.clusters()
    assert set(clusters) == set(m.parameters())
    assert clusters[m.layers[0].neurons[2].w[1]] == ("Layer 1", "Neuron 3")
    assert clusters[m.layers[1].neurons[0].b] == ("Layer 2", "Neuron 1")
    book = MLP(3, [2, 1], labels="textbook")
    assert book.clusters()[book.layers[1].neurons[0].w[0]] == ("Layer 2", "Neuron 6")
    assert book.clusters()[book.layers[0].neurons[1].b] == ("Layer 1", "Neuron 5")
    lone = Neuron(2)
    assert set(lone.clusters().values()) == {("Neuron 1",)}
    seq = Sequential(Layer(2, 2), Dropout(0.1), Layer(2, 1))
    assert seq.clusters()[seq[2].neurons[0].b] == ("Layer 2", "Neuron 1")


def test_clusters_drive_the_neuron_level_view():
    render = pytest.importorskip("autograd.draw.render")
    m = MLP(2, [2, 1], labels="textbook")
    graph = render.draw_dot(m([1.0, 2.0]), clusters=m)
    source = graph.source
    for name in ("Layer 1", "Layer 2", "Neuron 3", "Neuron 4", "Neuron 5"):
        assert name in source


def test_state_dict_round_trip_and_mismatch():
    a, b = MLP(2, [2, 1], seed=0), MLP(2, [2, 1], seed=1)
    b.load_state_dict(a.state_dict())
    assert [p.data for p in a.parameters()] == [p.data for p in b.parameters()]
    with pytest.raises(ValueError, match="missing"):
        MLP(2, [3, 1]).load_state_dict(a.state_dict())
    bn = BatchNorm1d(2)
    assert bn.state_dict()["running_var"] == [1.0, 1.0]
    assert [name for name, _ in Sequential(Layer(2, 2), bn).named_buffers()] == [
        "layers.1.running_mean", "layers.1.running_var"]


# ---- the import guard (nn/_check.py) ----------------------------------------------------------------


def test_guard_accepts_this_projects_engine():
    assert check_engine() is autograd


def test_guard_rejects_a_foreign_autograd(monkeypatch):
    foreign = types.ModuleType("autograd")  # what HIPS autograd looks like: grad, but no Value
    foreign.__file__ = "/usr/lib/python3/site-packages/autograd/__init__.py"
    foreign.grad = lambda f: f
    monkeypatch.setitem(sys.modules, "autograd", foreign)
    with pytest.raises(ImportError) as err:
        check_engine()
    message = str(err.value)
    assert "/usr/lib/python3/site-packages/autograd" in message and "most likely HIPS autograd" in message
    assert "pip uninstall autograd" not in message  # it would delete the __init__.py both packages share


def test_guard_rejects_an_autograd_with_value_from_elsewhere():
    foreign = types.ModuleType("autograd")
    foreign.__file__ = "/somewhere/else/autograd/__init__.py"
    foreign.Value = object
    with pytest.raises(ImportError, match="found another package of that name at /somewhere/else"):
        check_engine(foreign)


def test_importing_nn_with_a_foreign_autograd_first_on_the_path_fails_clearly(tmp_path):
    fake = tmp_path / "autograd"
    fake.mkdir()
    (fake / "__init__.py").write_text("def grad(fun):\n    return fun\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    result = subprocess.run([sys.executable, "-c", "import nn"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "ImportError" in result.stderr and f"sys.path.insert(0, {str(ROOT)!r})" in result.stderr
    assert str(fake) in result.stderr and "pip uninstall autograd" not in result.stderr
