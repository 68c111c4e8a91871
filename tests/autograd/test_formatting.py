"""autograd.formatting: numbers written one way everywhere (never a -0), and rounded by hand as a book prints them."""

import pytest

import nn
from autograd.formatting import NumberFormat, as_printed, decimals_of, fixed, round_half_up, significant
from nn.examples import printed


@pytest.mark.parametrize("text", [fixed(-1e-9, 4), significant(-0.0), as_printed(-0.0004, 3),
                                  nn.book_vs_ours([("z", "0.000", -0.0001)]).column("at the book's digits")[0]])
def test_a_zero_is_never_printed_with_a_sign(text):
    assert not text.startswith("-") and float(text) == 0.0


def test_rounding_by_hand_is_half_up_on_the_digits_a_calculator_shows():
    assert round_half_up(0.1245, 3) == 0.125 and as_printed(0.19415, 3) == "0.194"
    assert decimals_of("0.1311") == 4 and decimals_of("2") == 0
    assert printed.as_printed is as_printed  # the examples use the same functions, not a copy


@pytest.mark.parametrize("kwargs, error", [(dict(digits=0), ValueError), (dict(digits=2.0), TypeError),
                                           (dict(decimals=18), ValueError), (dict(decimals="2"), TypeError)])
def test_number_format_checks_its_arguments(kwargs, error):
    with pytest.raises(error, match="digits|decimals"):
        NumberFormat(**kwargs)
