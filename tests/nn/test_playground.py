"""The playground's state without a browser: points, features, the network spec and its Python,
training epoch by epoch, the controls' commands and their errors."""

from __future__ import annotations

import math

import pytest

import nn
from nn.dashboard import PlaygroundState
from nn.dashboard.data import DATASETS, PointSet
from nn.dashboard.features import FEATURES, available, check, expand
from nn.dashboard.network import MAX_NEURONS, NetworkSpec


def test_features_compute_their_formulas_in_the_tables_order():
    names = check(["sin(x2)", "x1*x2", "x1"], 2)
    assert names == ["x1", "x1*x2", "sin(x2)"]
    assert expand([[0.5, -2.0]], names) == [[0.5, -1.0, math.sin(-2.0)]]
    assert available(1) == ["x1", "x1^2", "sin(x1)"] and len(available(2)) == len(FEATURES) == 7
    with pytest.raises(ValueError, match="needs x2"):
        check(["x2"], 1)
    with pytest.raises(ValueError, match="unknown feature 'x3'"):
        check(["x3"], 2)
    with pytest.raises(ValueError, match="at least one"):
        check([], 2)


@pytest.mark.parametrize("name", DATASETS)
def test_every_data_set_is_seeded_and_split(name):
    a, b = PointSet(name, n=40, seed=3), PointSet(name, n=40, seed=3)
    assert (a.points, a.targets, a.test) == (b.points, b.targets, b.test)
    assert len(a.points) == 40 and a.test.count(True) == 12  # 30% held out
    assert all(len(p) == a.dims for p in a.points)
    x_lo, x_hi, y_lo, y_hi = a.extent
    assert all(x_lo < p[0] < x_hi for p in a.points)
    if a.task == "classification":
        assert set(a.targets) == {0.0, 1.0}
        assert all(y_lo < p[1] < y_hi for p in a.points)
    else:
        assert all(y_lo < t < y_hi for t in a.targets)


def test_xor_without_noise_labels_the_quadrants():
    points = PointSet("xor", n=50, noise=0.0)
    assert all(t == float((p[0] > 0) != (p[1] > 0)) for p, t in zip(points.points, points.targets))


def test_points_are_added_to_training_and_the_nearest_is_deleted():
    points = PointSet("moons", n=10, test_fraction=0.0)
    assert points.add([5.0, 5.0], 1) == 10 and points.test[10] is False
    assert points.nearest([4.9, 5.2]) == 10
    points.delete(10)
    assert len(points.points) == 10
    with pytest.raises(ValueError, match="2 coordinate"):
        points.add([1.0], 1)
    with pytest.raises(ValueError, match="class is 0 or 1"):
        points.add([1.0, 1.0], 2)
    line = PointSet("regression", n=4, test_fraction=0.0)
    line.add([0.0], 2.5)
    assert line.nearest([0.1], 2.4) == 4  # along x and the target, as on the plot


def test_the_last_training_point_stays():
    points = PointSet("moons", n=4, test_fraction=0.0)
    for _ in range(3):
        points.delete(0)
    with pytest.raises(ValueError, match="last training point"):
        points.delete(0)


def test_network_spec_edits_and_limits():
    spec = NetworkSpec()
    spec.add_layer()
    assert spec.hidden == [4, 2, 2] and spec.activations == ["tanh"] * 3
    spec.resize(0, +1)
    spec.set_activation(2, "relu")
    spec.remove_layer()
    assert (spec.hidden, spec.activations) == ([5, 2], ["tanh", "tanh"])
    spec.hidden[1] = MAX_NEURONS
    with pytest.raises(ValueError, match="1 to 16"):
        spec.resize(1, +1)
    with pytest.raises(ValueError, match="layer 5 is not one"):
        spec.resize(5, +1)
    with pytest.raises(ValueError, match="activation"):
        spec.set_activation(0, "softmax")
    spec.remove_layer(), spec.remove_layer()
    assert spec.build().extra_repr() == "2 -> 1"  # no hidden layer: a linear model
    with pytest.raises(ValueError, match="no hidden layer"):
        spec.remove_layer()


def test_the_copied_python_builds_the_same_network():
    state = PlaygroundState(features=["x1", "x2", "sin(x1)"], hidden=[3, 2], activation="relu", l2=0.01,
                            optimizer="adam", lr=0.03)
    namespace: dict = {}
    exec(state.spec.to_python("adam", 0.03, "bce_with_logits", 0.0, 0.01, 10), namespace)
    model = namespace["model"]
    assert model.extra_repr() == "3 -> 3 -> 2 -> 1"
    assert [p.data for p in model.parameters()] == [p.data for p in state.spec.build().parameters()]
    assert namespace["features"](0.5, 2.0) == [0.5, 2.0, math.sin(0.5)]
    assert type(namespace["optimizer"]) is nn.Adam and namespace["optimizer"].param_groups[0]["lr"] == 0.03


def test_play_trains_and_both_curves_fall():
    state = PlaygroundState(data="moons", noise=0.1, lr=0.3)
    start = state.losses()
    state.step(40)
    h = state.history
    assert h.epochs == state.epoch == 40 and h.iterations == 40 * 7  # 70 training points, batches of 10
    assert len(h.loss) == len(h.val_loss) == len(h.accuracy) == 40
    assert h.loss[-1] < 0.5 * start[0] and h.val_loss[-1] < 0.7 * start[1]
    assert h.val_accuracy[-1] > 0.8


def test_reset_starts_again_from_the_same_weights():
    state = PlaygroundState()
    first = [p.data for p in state.model.parameters()]
    loss0 = state.losses()
    state.step(3)
    state.reset()
    assert state.epoch == 0 and state.losses() == loss0
    assert [p.data for p in state.model.parameters()] == first


def test_network_edits_reset_but_training_settings_do_not():
    state = PlaygroundState()
    state.step(2)
    state.set_training(lr=0.01, l2=0.001, batch_size=5)
    assert state.epoch == 2 and state.trainer.lr == 0.01 and state.trainer.batch_size == 5
    state.set_training(optimizer="adam")
    assert type(state.trainer.optimizer) is nn.Adam and state.epoch == 2
    state.edit_network("activation", 0, "relu")
    assert state.epoch == 0 and state.model.layers[0].neurons[0].activation == "relu"
    state.edit_network("add_neuron", 1)
    state.edit_network("features", value=["x1", "x2", "x1^2"])
    assert state.model.extra_repr() == "3 -> 4 -> 3 -> 1"
    with pytest.raises(ValueError, match="unknown training settings"):
        state.set_training(momentum=0.9)
    with pytest.raises(ValueError, match="unknown network action"):
        state.edit_network("grow")


def test_regression_uses_x_only_and_fits_a_curve():
    state = PlaygroundState(data="circles", features=["x1", "x2", "x1*x2"])
    state.set_data("regression")
    assert state.data.task == "regression" and state.features == ["x1"]
    state.set_training(optimizer="adam", lr=0.03)
    start = state.losses()[0]
    state.step(30)
    assert state.losses()[0] < 0.5 * start and state.history.accuracy == []


def test_a_bad_data_change_leaves_the_points_alone():
    state = PlaygroundState(data="moons")
    points = state.data.points
    with pytest.raises(ValueError, match="data"):
        state.set_data("galaxies")
    assert state.data.name == "moons" and state.data.points is points


def test_clicks_add_delete_and_pick_points():
    state = PlaygroundState(n=20)
    index = state.add_point([3.0, 3.0], 1)
    state.pick(index)
    state.delete_near([0.0, 0.0])  # some point before it goes: the pick follows its point
    assert state.picked == index - 1 and state.data.points[state.picked] == [3.0, 3.0]
    state.delete_near([3.0, 3.1])
    assert state.picked is None and len(state.data.points) == 19
    with pytest.raises(IndexError, match="no point 99"):
        state.pick(99)


def test_a_model_of_your_own_is_trained_as_it_is():
    model = nn.MLP(2, [8, 1], seed=1)
    weights = [p.data for p in model.parameters()]
    state = PlaygroundState(model, "circles")
    assert state.spec is None and state.model is model
    state.step(3)
    assert [p.data for p in model.parameters()] != weights
    state.reset()
    assert [p.data for p in model.parameters()] == weights
    with pytest.raises(ValueError, match="architecture is fixed"):
        state.edit_network("add_layer")
    with pytest.raises(ValueError, match="takes 3 inputs"):
        PlaygroundState(nn.MLP(3, [1]))
    with pytest.raises(ValueError, match="gives 2"):
        PlaygroundState(nn.MLP(2, [2]))
    with pytest.raises(ValueError, match="cannot give them"):
        state.set_data("regression")


def test_the_readme_example_runs():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if "nn.playground(" in b)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
    pg = namespace["pg"]
    assert pg.history.epochs == 30 and pg.history.val_loss[-1] < pg.history.start["val_loss"]
