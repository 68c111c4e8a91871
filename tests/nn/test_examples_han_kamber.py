"""Han & Kamber's worked example: every printed number, both by the book's arithmetic and at full precision."""

import math
import shutil

import pytest

from autograd import Value
from nn.examples import han_kamber as hk
from nn.examples.han_kamber_book import BOOK_ERRORS, BOOK_FORWARD, BOOK_UPDATES, book_arithmetic
from nn.examples.han_kamber_model import build_network, continue_training, save_picture, train_step
from nn.examples.printed import agrees
from nn.examples.units import find_units, unit_table

# The book's tables exactly as the issue quotes them (text, so the printed precision is pinned too).
FORWARD = {"I4": "-0.7", "O4": "0.332", "I5": "0.1", "O5": "0.525", "I6": "-0.105", "O6": "0.474"}
ERRORS = {"Err6": "0.1311", "Err5": "-0.0065", "Err4": "-0.0087"}
UPDATES = {"w46": "-0.261", "w56": "-0.138", "w14": "0.192", "w15": "-0.306", "w24": "0.4", "w25": "0.1",
           "w34": "-0.508", "w35": "0.194", "θ6": "0.218", "θ5": "0.194", "θ4": "-0.408"}
BOOK = {**FORWARD, **ERRORS, **UPDATES}


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


@pytest.fixture(scope="module")
def step():
    return train_step(build_network())


def test_the_example_module_holds_the_books_tables_as_printed():
    assert BOOK_FORWARD == FORWARD and BOOK_ERRORS == ERRORS and BOOK_UPDATES == UPDATES


def test_the_network_is_built_from_the_initial_table():
    model = build_network()
    assert {p.label: p.data for p in model.parameters()} == {
        "w14": 0.2, "w24": 0.4, "w34": -0.5, "θ4": -0.4, "w15": -0.3, "w25": 0.1, "w35": 0.2, "θ5": 0.2,
        "w46": -0.3, "w56": -0.2, "θ6": 0.1}


@pytest.mark.parametrize("name", list(BOOK))
def test_the_books_arithmetic_reproduces_every_printed_number(name):
    hand = book_arithmetic()
    assert f"{hand[name].value:.{len(BOOK[name].split('.')[1])}f}" == BOOK[name]


def test_the_books_arithmetic_rounds_where_the_book_rounds():
    hand = book_arithmetic()
    assert hand["O4"].value == 0.332 and hand["O4"].exact == pytest.approx(sigmoid(-0.7), rel=1e-15)
    assert hand["I6"].exact == pytest.approx(0.332 * -0.3 + 0.525 * -0.2 + 0.1)  # from the rounded O4, O5
    assert hand["Err6"].exact == pytest.approx(0.474 * 0.526 * 0.526)  # = 0.131144..., printed 0.1311
    assert hand["Err5"].exact == pytest.approx(0.525 * 0.475 * 0.1311 * -0.2)
    assert hand["w56"].exact == pytest.approx(-0.2 + 0.9 * 0.1311 * 0.525)
    assert hand["Err6"].uses == ("O6",) and hand["w14"].uses == ("Err4",)


def test_full_precision_values(step):
    o4, o5 = sigmoid(-0.7), sigmoid(0.1)
    i6 = -0.3 * o4 - 0.2 * o5 + 0.1
    o6 = sigmoid(i6)
    err6 = o6 * (1 - o6) * (1 - o6)
    err5, err4 = o5 * (1 - o5) * err6 * -0.2, o4 * (1 - o4) * err6 * -0.3
    expected = {"I4": -0.7, "O4": o4, "I5": 0.1, "O5": o5, "I6": i6, "O6": o6, "Err6": err6, "Err5": err5,
                "Err4": err4, "w46": -0.3 + 0.9 * err6 * o4, "w56": -0.2 + 0.9 * err6 * o5, "θ6": 0.1 + 0.9 * err6,
                "w14": 0.2 + 0.9 * err4, "w24": 0.4, "w34": -0.5 + 0.9 * err4, "θ4": -0.4 + 0.9 * err4,
                "w15": -0.3 + 0.9 * err5, "w25": 0.1, "w35": 0.2 + 0.9 * err5, "θ5": 0.2 + 0.9 * err5}
    for name, value in expected.items():
        assert step.values[name] == pytest.approx(value, rel=1e-13, abs=1e-15), name
    assert step.values["Err6"] == pytest.approx(0.131169078, abs=1e-9)


def test_at_full_precision_only_err6_differs_and_the_reason_is_given(step):
    found = hk.checks(step)
    assert len(found) == 20 and all(c.hand_ok for c in found)
    assert [c.name for c in found if not c.full_ok] == ["Err6"]
    assert f"{step.values['Err6']:.4f}" == "0.1312" and not agrees(step.values["Err6"], "0.1311")
    lines = hk.differences(found)
    assert "Err6: the book prints 0.1311" in lines[0] and "O6 = 0.474" in lines[0] and "0.1312" in lines[0]
    assert "(Err5, Err4, w46, w56, θ6) still agree" in lines[1]


def test_err_is_minus_the_gradient_of_the_net_input(step):
    units = {u.number: u for u in find_units(step.loss)}
    o = {j: units[j].out.data for j in units}
    assert units[6].err == -units[6].net.grad
    assert units[6].err == pytest.approx(o[6] * (1 - o[6]) * (1 - o[6]), rel=1e-15)
    assert units[5].err == pytest.approx(o[5] * (1 - o[5]) * units[6].err * -0.2, rel=1e-15)
    assert units[4].err == pytest.approx(o[4] * (1 - o[4]) * units[6].err * -0.3, rel=1e-15)
    # dE/dw_ij = -Err_j O_i, so SGD's w - l dE/dw is the book's w + l Err_j O_i
    assert step.gradients["w46"] == pytest.approx(-units[6].err * o[4], rel=1e-15)
    assert step.gradients["w14"] == pytest.approx(-units[4].err * 1.0, rel=1e-15)
    assert step.gradients["θ5"] == pytest.approx(-units[5].err, rel=1e-15)
    for name, grad in step.gradients.items():
        assert step.values[name] == step.before[name] - 0.9 * grad


def test_bridge_table_shows_formula_and_gradient_side_by_side(step):
    table = hk.bridge_table(step)
    assert table.column("") == ["Err6", "Err5", "Err4"]
    assert table.column("book's formula") == table.column("-dE/dI_j (autograd)")


def test_unit_table(step):
    table = unit_table(step.loss)
    assert table.column("unit j") == ["4", "5", "6"]
    assert table.column("output O_j") == ["0.3318", "0.5250", "0.4739"]
    assert table.column("Err_j = -dE/dI_j") == ["-0.0087", "-0.0065", "0.1312"]
    with pytest.raises(ValueError, match="textbook"):
        unit_table(Value(1.0) * 2)


def test_training_continues_past_the_book():
    table = continue_training(build_network(), [((1, 0, 1), 1), ((0, 1, 1), 0)], epochs=3)
    assert len(table) == 6
    assert table.column("O6 before the update")[0] == "0.4739"  # the book's step comes first
    assert table.column("tuple x")[1] == "(0, 1, 1)"
    # the same tuple again: E keeps falling for the book's tuple trained on its own
    alone = continue_training(build_network(), [((1, 0, 1), 1)], epochs=4)
    losses = [float(v) for v in alone.column("E = ½(T - O6)²")]
    assert losses == sorted(losses, reverse=True) and losses[0] > losses[-1]


def test_the_demo_prints_every_table_and_succeeds_without_a_picture(capsys):
    assert hk.main(["--no-picture"]) == 0
    out = capsys.readouterr().out
    assert "Book's arithmetic: 20 of 20 printed numbers reproduced digit for digit." in out
    assert "Full precision: 19 of 20 agree" in out
    for k, title in enumerate(["Net input and output", "Error at each unit", "Updated weights and biases"], 1):
        assert f"Table {k}. {title}" in out
    assert "Err_j = -dE/dI_j" in out and "dE/dw14 = dE/dO6 · dO6/dI6 · dI6/dO4 · dO4/dI4 · dI4/dw14" in out
    assert "Picture" not in out


def test_the_demo_continues_on_request(capsys):
    assert hk.main(["--no-picture", "--epochs", "2", "--tuple", "0,1,1:0"]) == 0
    out = capsys.readouterr().out
    assert "Past the book: 2 epoch(s) over 2 tuple(s)" in out and "weights and biases now" in out


def test_bad_arguments_are_refused():
    with pytest.raises(SystemExit):
        hk.main(["--tuple", "1,2:0"])
    with pytest.raises(SystemExit):
        hk.main(["--epochs", "0"])


def test_without_dot_the_demo_gives_advice_and_still_succeeds(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))  # no Graphviz to be found
    text, ok = hk.report(out_dir=str(tmp_path))
    assert ok and "no picture written" in text and "graphviz" in text.lower()
    assert "Table 3. Updated weights and biases" in text


def test_the_graph_is_drawn_with_textbook_labels():
    source = train_step(build_network(), draw=True).picture.source
    for label in ("w14", "θ4", "I4", "O6", "Neuron 4", "Layer 2"):
        assert label in source


@pytest.mark.needs_dot
def test_the_demo_writes_the_picture(tmp_path):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    text, ok = hk.report(out_dir=str(tmp_path))
    png = tmp_path / "han_kamber_graph.png"
    assert ok and str(png) in text
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert save_picture(train_step(build_network())).startswith("no picture")  # drawn only on request
