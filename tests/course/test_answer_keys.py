"""Answer keys per seed, made from the master notebooks: seed 0 is the decks' numbers, another seed others."""

from __future__ import annotations

import importlib.util

from .otter_runs import MASTERS, ROOT

spec = importlib.util.spec_from_file_location("answer_keys", ROOT / "notebooks" / "tools" / "answer_keys.py")
answer_keys = importlib.util.module_from_spec(spec)
spec.loader.exec_module(answer_keys)


def master(stem: str):
    return next(m for m in MASTERS if m.stem.startswith(stem))


def test_seed_zero_is_the_decks_numbers():
    key = answer_keys.key(master("A1"), 0)
    assert "3-4-2: 20 weights + 6 biases = 26" in key and "= 41" in key     # the UT deck's counts
    assert "x1.grad = -1.5" in key                                         # micrograd's neuron


def test_every_question_has_a_key_and_seeds_differ():
    for m in MASTERS:
        zero, other = answer_keys.key(m, 0), answer_keys.key(m, 5)
        questions = [b[0] for b in answer_keys.blocks(__import__("nbformat").read(m, as_version=4))]
        assert questions and all(f"### {q}" in zero for q in questions), m.name
        assert zero.replace("Seed 0", "") != other.replace("Seed 5", ""), f"{m.name}: seed 5 gives seed 0's key"
