"""The quiz's questions (walkthrough(root, quiz=True)) and the generic check_values that check_gradients
builds on, without a browser."""

from __future__ import annotations

import pytest

from autograd import Value, walkthrough
from autograd.checking.replay import gradients
from autograd.player.page import spec
from autograd.player.quiz import quiz_spec
from nn.exercises import check_values, get


def test_each_question_comes_at_the_step_completing_its_gradient_with_the_right_answer():
    root = get("backprop_shared").graph()
    wt = walkthrough(root, quiz=True)
    questions = quiz_spec(wt)["quiz"]["questions"]
    right = gradients(root)
    assert {q["name"] for q in questions} == {"a", "b", "d", "e"}
    for q in questions:
        v = wt.nodes[q["node"]]
        assert q["answer"] == right[v]
        _, grads = wt.state(q["step"])
        assert grads[q["node"]] == pytest.approx(right[v])  # complete once the step is shown
        _, before = wt.state(q["step"] - 1)
        assert before.get(q["node"], 0.0) != pytest.approx(right[v]) or right[v] == 0
        for h in q["hints"]:  # a hint is for a wrong number, and never states the right one
            assert h["value"] != pytest.approx(right[v], rel=5e-3) and q["shown"] not in h["hint"]
    a = next(q for q in questions if q["name"] == "a")
    assert "overwrite_not_accumulate" in {h["signature"] for h in a["hints"]}


def test_the_teacher_picks_nodes_and_a_stranger_is_refused():
    root = get("backprop_neuron").graph()
    w1 = next(v for v in walkthrough(root).order if v.label == "w1")
    wt = walkthrough(root, quiz=[w1])
    assert [q["name"] for q in quiz_spec(wt)["quiz"]["questions"]] == ["w1"]
    with pytest.raises(ValueError, match="not in the graph"):
        walkthrough(root, quiz=[Value(1.0)])
    with pytest.raises(ValueError, match="the seed"):
        walkthrough(root, quiz=[root])
    assert "quiz" not in spec(walkthrough(root))  # no quiz, no questions in the page


def test_a_diagnosis_opens_the_page_at_its_step():
    exercise = get("backprop_shared")
    diag = exercise.check({"f": 1.0, "e": -6.0, "d": 1.0, "b": -1.0})  # b: only the path through d
    wt = diag.walkthrough()
    assert spec(wt)["start"] == wt.start > 0 and wt.steps[wt.start].phase == "backward"


def test_check_values_on_any_numbers_walks_in_the_given_order():
    expected = {"y": 2.0, "t1": 0.5, "t0": -1.0}  # e.g. tangents of a forward-mode trace, output first
    assert check_values(expected, {"y": 2.0, "t1": 0.5, "t0": -1.0}).outcome == "correct"
    diag = check_values(expected, {"y": 2.0, "t1": 0.7, "t0": 3.0})
    assert diag.first_wrong == "t1" and diag.wrong == ("t1", "t0") and "0.5" not in diag.message
    assert check_values(expected, {"y": ...}).outcome == "not attempted"
    assert check_values(expected, {"y": 2.0}, required=["y", "t1"]).missing == ("t1",)
    explained = check_values(expected, {"t1": -0.5}, explain=lambda k, a, _: ("sign_flip", f"{k}: sign"))
    assert explained.signature == "sign_flip" and explained.message == "t1: sign"
