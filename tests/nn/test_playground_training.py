"""The playground's engine room: compiled replays against eager backprop, the heat maps against the
model, the way down to one point's graph, and the widget's commands (with a stand-in widget)."""

from __future__ import annotations

import json
import shutil
import types

import pytest

import nn
from autograd import no_grad
from nn.dashboard import PlaygroundState, playground
from nn.dashboard.maps import grid, layered, maps, neuron_columns
from nn.dashboard.sample import forward_path, graph_svg, sample_loss, walkthrough_page
from nn.dashboard.trainer import Trainer
from nn.dashboard.view import controls, heat_maps

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


def batch():
    X, y = nn.datasets.make_moons(12, noise=0.2, seed=4)
    return X, [float(t) for t in y]


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam", "rmsprop"])
def test_the_compiled_replay_trains_exactly_as_eager_backprop(optimizer):
    X, y = batch()
    models = [nn.MLP(2, [5, 3, 1], activation="relu", seed=2) for _ in range(2)]
    replayed, eager = (Trainer(m, "classification", optimizer, 0.05, l1=0.01, l2=0.02, batch_size=5) for m in models)
    eager.replay = False
    for _ in range(3):
        replayed.epoch(X, y), eager.epoch(X, y)
    assert [p.data for p in models[0].parameters()] == pytest.approx([p.data for p in models[1].parameters()],
                                                                      rel=1e-12, abs=1e-14)
    assert replayed.measure(X, y) == pytest.approx(eager.measure(X, y), rel=1e-12)


def test_the_objective_adds_the_l1_and_l2_penalties():
    X, y = batch()
    model = nn.MLP(2, [3, 1], seed=0)
    trainer = Trainer(model, "classification", l1=0.1, l2=0.2)
    with no_grad():
        outputs = [model(x) for x in X]
        data_loss = nn.binary_cross_entropy_with_logits(outputs, y).data
        value = trainer.objective(outputs, y).data
    ps = [p.data for p in model.parameters()]
    assert value == pytest.approx(data_loss + 0.1 * sum(map(abs, ps)) + 0.1 * sum(p * p for p in ps))
    assert trainer.measure(X, y)[0] == pytest.approx(data_loss)  # the curves show the data loss


def test_models_a_replay_cannot_follow_train_eagerly():
    X, y = batch()
    dropout = nn.Sequential(nn.Layer(2, 4), nn.Dropout(0.5, seed=0), nn.Layer(4, 1, nonlin=False))
    trainer = Trainer(dropout, "classification")
    assert trainer.replay is False
    trainer.epoch(X, y)

    class Branches(nn.Module):  # Python looks at a number inside the graph: no replay possible
        def __init__(self):
            self.inner = nn.MLP(2, [3, 1], seed=0)

        def forward(self, x):
            out = self.inner(x)
            return out if out.data > 0 else out * 2

    trainer = Trainer(Branches(), "classification")
    before = [p.data for p in trainer.params]
    trainer.epoch(X, y)
    assert trainer.replay is False and [p.data for p in trainer.params] != before


def test_neuron_maps_are_the_models_own_outputs():
    model = nn.MLP(3, [6, 5, 1], activation=["gelu", "leaky_relu", "identity"], seed=5)  # 3, 4+2, 4+1 inputs
    points = [[0.3, -1.2, 2.0], [1.5, 0.1, -0.4]]
    columns = neuron_columns(model, [list(c) for c in zip(*points)])
    with no_grad():
        for k, x in enumerate(points):
            assert columns[-1][0][k] == pytest.approx(model(x).data, rel=1e-12)
            hidden = model.layers[0](x)
            assert [c[k] for c in columns[0]] == pytest.approx([h.data for h in hidden], rel=1e-12)
    assert layered(model) and not layered(nn.Sequential(nn.Layer(2, 1)))


def test_the_grid_runs_from_the_top_left_and_other_models_show_their_output():
    assert grid([0, 1, 0, 1], 2, 2) == [[0.25, 0.75], [0.75, 0.75], [0.25, 0.25], [0.75, 0.25]]
    model = nn.Sequential(nn.Layer(2, 3), nn.Layer(3, 1, nonlin=False))
    found = maps(model, ["x1", "x2"], [[0.5, 0.5], [1.0, -1.0]])
    with no_grad():
        assert found["output"] == [model([0.5, 0.5]).data, model([1.0, -1.0]).data]
    assert found["layers"] is None and found["inputs"] == [[0.5, 1.0], [0.5, -1.0]]


def test_heat_maps_are_quantised_and_agree_with_the_model():
    state = PlaygroundState(hidden=[3], activation="relu")
    state.step(5)
    m = heat_maps(state)
    assert len(m["output"]["q"]) == 2500 and len(m["inputs"]) == 2
    assert [len(n["q"]) for n in m["layers"][0]] == [625] * 3
    assert all(-100 <= q <= 100 for layer in m["layers"] for n in layer for q in n["q"])
    corner = grid(state.data.extent, 50, 2)[0]
    with no_grad():
        score = state.model(corner).data
    assert (m["output"]["q"][0] > 0) == (score > 0)  # blue where the model says class 1
    json.dumps(m), json.dumps(controls(state))  # both go to the browser as JSON
    line = PlaygroundState(data="regression")
    assert len(heat_maps(line)["output"]["values"]) == 50


def test_the_curves_sent_are_thinned():
    state = PlaygroundState(n=8, batch_size=8)
    state.step(900)
    curves = controls(state)["curves"]
    assert 300 <= len(curves["train"]) <= 400
    assert curves["train"][0] == pytest.approx(state.history.start["loss"], abs=1e-6)


def test_a_picked_point_goes_through_the_network():
    state = PlaygroundState()
    state.pick(3)
    path = controls(state)["picked"]
    assert path == forward_path(state, 3) and path["index"] == 3
    with no_grad():
        x = state.split(state.data.test[3])[0]
        out = state.model(state.data.points[3]).data
    assert path["output"] == pytest.approx(out) and path["neurons"][-1][0] == pytest.approx(out)
    assert len(path["neurons"]) == 3 and x
    assert path["loss"] == pytest.approx(state.trainer.measure([state.data.points[3]], [path["target"]])[0])
    assert sample_loss(state, 3).label == "loss"


@needs_dot
@pytest.mark.slow  # two Graphviz layouts
def test_the_way_down_draws_the_points_graph_and_its_walkthrough():
    state = PlaygroundState()
    state.step(1)
    grads = [p.grad for p in state.model.parameters()]
    svg = graph_svg(state, 0)
    assert "<svg" in svg and ">loss<" in svg and "Neuron 1" in svg
    assert [p.grad for p in state.model.parameters()] == grads  # the dashboard's gradients stay
    assert "wt-player" in walkthrough_page(state, 0)
    big = PlaygroundState(hidden=[16, 16])
    with pytest.raises(ValueError, match="fewer neurons"):
        walkthrough_page(big, 0)


def fake_widget(pg):
    pg._widget = types.SimpleNamespace(view={}, maps={}, detail={}, status="")
    pg.refresh()
    return pg._widget


@pytest.mark.slow  # four networks traced and compiled
def test_the_widgets_commands_change_the_state_and_errors_show_in_it():
    pg = playground(data="xor", seed=1)
    w = fake_widget(pg)
    pg._on_message(w, {"cmd": "tick"})
    assert w.view["epoch"] >= 1 and w.status == ""
    pg._on_message(w, {"cmd": "add", "point": [0.9, 0.9], "target": 0})
    pg._on_message(w, {"cmd": "pick", "index": len(w.view["points"]) - 1})
    assert w.view["picked"]["target"] == 0.0
    pg._on_message(w, {"cmd": "network", "action": "activation", "layer": 1, "value": "sigmoid"})
    assert w.view["epoch"] == 0 and w.view["layers"][1]["activation"] == "sigmoid"
    pg._on_message(w, {"cmd": "training", "lr": 3})
    assert w.view["lr"] == 3 and pg.state.trainer.lr == 3
    pg._on_message(w, {"cmd": "network", "action": "remove_neuron", "layer": 1})
    pg._on_message(w, {"cmd": "network", "action": "remove_neuron", "layer": 1})
    assert w.status == "ValueError: a hidden layer holds 1 to 16 neurons"
    pg._on_message(w, {"cmd": "data", "name": "spirals"})
    assert w.view["data"] == "spirals" and w.status == "" and w.view["picked"] is None
    pg._on_message(w, {"cmd": "unknown"})  # ignored, as any message not meant for it


def test_model_history_and_code_work_from_python():
    pg = playground(hidden=[3], activation="relu", n=30)
    pg.step(4)
    assert pg.history.epochs == 4 and pg.model is pg.state.model
    assert "nn.MLP(2, [3, 1], activation=['relu', 'identity']" in pg.code
    assert "epoch 4" in repr(pg)
    assert pg.reset().history.epochs == 0


def test_the_widget_is_an_anywidget_with_its_files():
    pytest.importorskip("anywidget")
    pg = playground(n=20)
    widget = pg.widget
    assert "function render" in widget._esm and "pgHeat" in widget._esm and ".pg-plot" in widget._css
    assert widget.view["epoch"] == 0 and len(widget.maps["output"]["q"]) == 2500


def test_without_anywidget_the_playground_shows_as_text(monkeypatch):
    from nn.dashboard import widget

    def missing():
        raise ImportError("the playground's dashboard needs anywidget: pip install anywidget")

    monkeypatch.setattr(widget, "widget_class", missing)
    pg = playground(n=10)
    text = pg._repr_mimebundle_()["text/plain"]
    assert text.startswith("<playground: moons") and "pip install anywidget" in text
