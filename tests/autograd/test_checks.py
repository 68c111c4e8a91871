"""autograd.checks: one rule for arguments — TypeError for a wrong type, ValueError out of range."""

import math

import pytest

from autograd.checks import flag, integer, is_integer, is_real, items, one_of, real, reals


@pytest.mark.parametrize("x, expected", [(1, True), (1.5, True), (math.nan, True), (True, False),
                                         ("1", False), (None, False), (1j, False)])
def test_is_real_refuses_bools_strings_and_complex(x, expected):
    assert is_real(x) is expected


def test_real_converts_and_checks_bounds():
    assert real("lr", 1) == 1.0 and isinstance(real("lr", 1), float)
    assert real("p", 0.0, low=0.0, high=1.0, high_open=True) == 0.0
    with pytest.raises(ValueError, match=r"p must be a finite number >= 0.0 and < 1.0, got 1.0"):
        real("p", 1.0, low=0.0, high=1.0, high_open=True)
    with pytest.raises(ValueError, match=r"p must be a finite number between 0 and 1, got 1.5"):
        real("p", 1.5, low=0, high=1)
    with pytest.raises(ValueError, match=r"lr must be a finite number > 0, got 0"):
        real("lr", 0, low=0, low_open=True)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_real_refuses_nan_always_and_inf_unless_asked(bad):
    with pytest.raises(ValueError, match="x must be a finite number"):
        real("x", bad)
    if not math.isnan(bad):
        assert real("x", bad, finite=False) == bad
    else:
        with pytest.raises(ValueError, match="x must be a number"):
            real("x", bad, finite=False)


def test_real_wrong_type_is_a_type_error_naming_the_argument():
    with pytest.raises(TypeError, match=r"momentum must be a number, got str '0.9'"):
        real("momentum", "0.9")
    with pytest.raises(TypeError, match="must be a number"):
        real("momentum", True)
    assert real("clip", None, none_ok=True) is None
    with pytest.raises(TypeError, match="a number or None"):
        real("clip", [1.0], none_ok=True)


def test_integer_refuses_floats_and_bools_with_a_type_error():
    assert integer("epochs", 3, low=1) == 3
    for bad in (3.0, True, "3"):
        with pytest.raises(TypeError, match="epochs must be a whole number"):
            integer("epochs", bad, low=1)


def test_integer_out_of_range_is_a_value_error():
    with pytest.raises(ValueError, match="epochs must be a positive whole number, got 0"):
        integer("epochs", 0, low=1)
    with pytest.raises(ValueError, match="seed must be a whole number >= 0, got -1"):
        integer("seed", -1, low=0)
    with pytest.raises(ValueError, match="digits must be a whole number from 1 to 17, got 18"):
        integer("digits", 18, low=1, high=17)
    assert integer("batch_size", None, none_ok=True) is None


def test_one_of_lists_the_choices():
    assert one_of("rankdir", "LR", ("LR", "TB")) == "LR"
    with pytest.raises(ValueError, match=r"rankdir must be one of 'LR', 'TB'; got 'XY'"):
        one_of("rankdir", "XY", ("LR", "TB"))
    with pytest.raises(ValueError, match="got \\[1\\]"):
        one_of("reduction", [1], {"mean", "sum"})


def test_items_wants_a_list_of_the_right_length():
    assert items("weights", (1, 2), 2) == [1, 2]
    with pytest.raises(TypeError, match=r"weights: expected a list of 2 entries, got str 'ab'"):
        items("weights", "ab", 2)
    with pytest.raises(TypeError, match="expected a list of 2 entries, got float"):
        items("weights", 1.5, 2)
    with pytest.raises(ValueError, match="weights: expected 2 entries, got 3"):
        items("weights", [1, 2, 3], 2)


def test_reals_converts_each_and_names_a_wrong_one():
    assert reals("bias", [1], 1) == [1.0] and isinstance(reals("bias", [1], 1)[0], float)
    assert math.isnan(reals("w", [math.nan, 2], 2)[0])
    with pytest.raises(TypeError, match=r"w: expected a number, got str 'a'"):
        reals("w", [1.0, "a"], 2)
    with pytest.raises(TypeError, match="w: expected a number, got bool"):
        reals("w", [True], 1)
    with pytest.raises(ValueError, match="w: expected 2 numbers, got 1"):
        reals("w", [1.0], 2)


def test_one_of_and_flag_keep_true_apart_from_one():
    assert one_of("compact", True, ("auto", True, False)) is True
    with pytest.raises(ValueError, match="compact must be one of 'auto', True, False; got 1"):
        one_of("compact", 1, ("auto", True, False))
    assert flag("legend", False) is False
    with pytest.raises(TypeError, match="legend must be True or False, got int 1"):
        flag("legend", 1)
    assert is_integer(3) and not is_integer(True) and not is_integer(3.0)
