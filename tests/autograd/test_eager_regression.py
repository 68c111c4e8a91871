"""The eager engine's numbers, bit for bit: a few training steps of the demo MLP, the glyph CNN, a
tanh/sigmoid MLP and a second derivative, compared with == against the values the engine gave
before its hot paths were rewritten for speed (tests/autograd/eager_training.py wrote them)."""

import json
import math

import pytest

from tests.autograd.eager_training import FIXTURE, WORKLOADS

EXPECTED = json.loads(FIXTURE.read_text())


def _same_bits(a: float, b: float) -> bool:
    # == on floats, except that two nans count as equal and 0.0 is told from -0.0.
    return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))


@pytest.mark.parametrize("name", sorted(WORKLOADS))
def test_training_gives_the_stored_numbers_bit_for_bit(name):
    got = WORKLOADS[name]()
    want = EXPECTED[name]
    assert got.keys() == want.keys()
    for key in want:
        assert len(got[key]) == len(want[key]), key
        diffs = [i for i, (a, b) in enumerate(zip(got[key], want[key])) if not _same_bits(a, b)]
        assert not diffs, f"{name}.{key}: {len(diffs)} numbers differ, first at {diffs[0]}: " \
                          f"{got[key][diffs[0]]!r} != {want[key][diffs[0]]!r}"


def test_the_fixture_holds_real_training():
    # The losses move from step to step, and every workload has gradients that are not all zero.
    for name, entry in EXPECTED.items():
        assert len(set(entry["losses"])) > 1, name
        assert any(g != 0.0 for g in entry["grads"]), name
