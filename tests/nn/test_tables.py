"""nn.unit_table and nn.book_vs_ours: the public tables."""

import pytest

import nn
from nn.examples import units


def test_unit_table_is_public_and_the_old_import_still_works():
    assert units.unit_table is nn.unit_table
    model = nn.MLP(3, [2, 1], activation="sigmoid", output_activation="sigmoid", labels="textbook")
    model.set_weights([[[0.2, 0.4, -0.5], [-0.3, 0.1, 0.2]], [[-0.3, -0.2]]], [[-0.4, 0.2], [0.1]])
    loss = nn.half_squared_error(model([1, 0, 1]), 1)
    loss.backward()
    table = nn.unit_table(loss, decimals=3)
    assert table.column("unit j") == ["4", "5", "6"]
    assert table.column("output O_j") == ["0.332", "0.525", "0.474"]  # Han & Kamber's Table 1
    assert table.column("Err_j = -dE/dI_j")[-1] == "0.131"              # Err6 = 0.1311


def test_unit_table_asks_for_textbook_labels():
    with pytest.raises(ValueError, match="labels='textbook'"):
        nn.unit_table(nn.MLP(2, [1])([1.0, 2.0]))


def test_book_vs_ours_rounds_half_up_and_marks_disagreement():
    table = nn.book_vs_ours([("O6", "0.474", 0.47388), ("z", "13.6", 13.6), ("a", "0.125", 0.1245),
                             ("y", "0.999", 0.99999876)], source="deck")
    assert table.column("at the deck's digits") == ["0.474", "13.6", "0.125", "1.000"]
    assert table.column("agree") == ["✓", "✓", "✓", "✗ differs"]


def test_book_vs_ours_wants_printed_text():
    with pytest.raises(TypeError, match="as text"):
        nn.book_vs_ours([("O6", 0.474, 0.47388)])
    with pytest.raises(ValueError, match="not a number"):
        nn.book_vs_ours([("O6", "zero", 0.47388)])
