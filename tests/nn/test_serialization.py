"""save / load: a bit-identical round trip (special floats too), buffers, and clear errors when the
file does not fit the model."""

import json
import math

import pytest

from nn import MLP, BatchNorm1d, Layer, Sequential, load, save


def bits(model):
    return [p.data.hex() for p in model.parameters()]


def test_round_trip_is_bit_identical(tmp_path):
    model = MLP(3, [4, 2], activation="tanh", seed=0)
    specials = [0.1 + 0.2, -0.0, 5e-324, 1e308, math.pi, -1 / 3, math.inf, -math.inf]
    for p, v in zip(model.parameters(), specials):
        p.data = v
    path = tmp_path / "model.json"
    save(model, path)
    other = MLP(3, [4, 2], activation="tanh", seed=1)
    assert bits(other) != bits(model)
    assert load(other, path) is other
    assert bits(other) == bits(model)
    assert math.copysign(1.0, other.parameters()[1].data) == -1.0  # -0.0 kept its sign


def test_nan_survives_and_the_file_is_valid_readable_json(tmp_path):
    model = MLP(2, [1], labels="textbook", seed=0)
    model.parameters()[0].data = math.nan
    path = tmp_path / "m.json"
    save(model, path)
    document = json.loads(path.read_text(encoding="utf-8"))  # strict JSON: no bare NaN
    assert document["architecture"].startswith("MLP(2 -> 1, parameters=3)")
    entry = document["parameters"][1]
    assert entry["name"] == "layers.0.neurons.0.w.1" and entry["label"] == "w23"
    assert entry["value"] == model.parameters()[1].data
    fresh = MLP(2, [1], seed=3)
    load(fresh, path)
    assert math.isnan(fresh.parameters()[0].data)


def test_buffers_round_trip(tmp_path):
    model = Sequential(Layer(2, 2, seed=0), BatchNorm1d(2))
    model[1]([model[0](x) for x in [[1.0, 2.0], [3.0, 5.0], [0.5, -1.0]]])  # a batch updates the statistics
    assert model[1].running_mean != [0.0, 0.0]
    path = tmp_path / "bn.json"
    save(model, path)
    other = Sequential(Layer(2, 2, seed=1), BatchNorm1d(2))
    load(other, path)
    assert other[1].running_mean == model[1].running_mean
    assert other[1].running_var == model[1].running_var
    assert bits(other) == bits(model)


def test_wrong_architecture_is_a_clear_error_and_changes_nothing(tmp_path):
    path = tmp_path / "m.json"
    save(MLP(3, [4, 2], seed=0), path)
    target = MLP(3, [4, 1], seed=1)
    before = bits(target)
    with pytest.raises(ValueError) as err:
        load(target, path)
    message = str(err.value)
    assert "does not match this model" in message and "the file has 26 parameters, the model 21" in message
    assert "MLP(3 -> 4 -> 2, parameters=26)" in message and "MLP(3 -> 4 -> 1, parameters=21)" in message
    assert bits(target) == before


def test_same_names_other_architecture_needs_strict_false(tmp_path):
    path = tmp_path / "m.json"
    source = MLP(2, [3, 1], activation="sigmoid", seed=0)
    save(source, path)
    relu_net = MLP(2, [3, 1], seed=1)
    with pytest.raises(ValueError, match="different architecture"):
        load(relu_net, path)
    load(relu_net, path, strict=False)
    assert bits(relu_net) == bits(source)


def test_files_that_are_not_parameter_files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not a JSON file"):
        load(MLP(2, [1]), bad)
    bad.write_text('{"weights": []}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a chalkgrad parameter file"):
        load(MLP(2, [1]), bad)
    with pytest.raises(TypeError, match="Module"):
        save([1, 2], tmp_path / "x.json")
