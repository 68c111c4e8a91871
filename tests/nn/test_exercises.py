"""Every exercise kind with a correct, a blank and a planted wrong answer; seeds change the numbers, not
the structure; seed 0 is the decks' own numbers; hints and messages never give the answer away."""

from __future__ import annotations

import math
import re

import pytest

import nn.exercises as ex
from autograd import Value
from autograd.checking.replay import gradients
from autograd.ops.base import num
from nn.examples.han_kamber_book import BOOK_ERRORS, BOOK_UPDATES

CODE_EXERCISES = ("op_local_derivative", "write_backward", "momentum", "adam")
GRAPH_EXERCISES = ["backprop_neuron", "backprop_shared", "softmax_cross_entropy", "conv_shared_weight"]


def right_answers(exercise):
    root = exercise.graph()
    by_label = {v.label: g for v, g in gradients(root).items() if v.label}
    return {label: by_label[label] for label in exercise.asked()}


def numbers_in(text):
    return {float(m) for m in re.findall(r"-?\d+\.\d+", text)}


def test_the_catalogue_has_every_kind_and_get_refuses_unknown_names():
    names = [e.name for e in ex.catalogue()]
    assert {"op_local_derivative", "backprop_neuron", "backprop_shared", "han_kamber", "write_backward",
            "momentum", "adam", "softmax_cross_entropy", "conv_shared_weight", "parameter_count"} <= set(names)
    with pytest.raises(ValueError, match="did you mean 'momentum'"):
        ex.get("momentun")
    with pytest.raises(TypeError):
        ex.get("adam", seed=1.5)


@pytest.mark.parametrize("name", GRAPH_EXERCISES)
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_graph_exercises_right_blank_and_wrong(name, seed):
    exercise = ex.get(name, seed=seed)
    right = right_answers(exercise)
    diag = exercise.check(right)
    assert diag.outcome == "correct" and diag and diag.passed
    assert exercise.check(exercise.template()).outcome == "not attempted"
    first = exercise.asked()[1]  # the first answer below the output
    wrong = dict(right, **{first: -right[first] if right[first] else 1.0})
    diag = exercise.check(wrong)
    assert diag.outcome == "incorrect" and diag.first_wrong.label == first
    assert not numbers_in(diag.message) & {round(g, 6) for g in right.values() if g}
    with pytest.raises(AssertionError, match=first.replace("*", r"\*")):
        diag.assert_passed()
    partial = dict(right)
    partial.pop(exercise.asked()[-1])
    assert exercise.check(partial).outcome == "incorrect"


@pytest.mark.parametrize("name", [e.name for e in ex.catalogue()])
def test_seeds_change_the_numbers_not_the_structure(name):
    a, b, again = ex.get(name, seed=3), ex.get(name, seed=4), ex.get(name, seed=3)
    assert a.prompt == again.prompt
    if name == "write_backward":  # the graphs it runs on are built from the seed when checking
        assert a.graph_seed == again.graph_seed != b.graph_seed
    else:
        assert a.prompt != b.prompt
    if name not in CODE_EXERCISES:  # a code exercise's solution is the same code for every seed
        assert a.solution() != b.solution()
    if hasattr(a, "template"):
        assert list(a.template()) == list(b.template()) or name == "parameter_count"


@pytest.mark.parametrize("name", [e.name for e in ex.catalogue()])
def test_hints_are_progressive_and_never_the_answer(name):
    exercise = ex.get(name, seed=2)
    hints = [exercise.hint(k) for k in range(1, len(exercise.hints) + 1)]
    assert exercise.hint() == hints[0] and len(set(hints)) == len(hints) >= 2
    solution_numbers = numbers_in(exercise.solution()) - {0.0, 1.0}  # a seed of 1, a start at 0
    for h in hints:
        assert not numbers_in(h) & solution_numbers, h
    assert exercise.hint(99).endswith(hints[-1])


def test_seed_0_is_the_decks_numbers():
    neuron = ex.get("backprop_neuron")
    assert "x1 = 2, w1 = -3, x2 = 0, w2 = 1" in neuron.prompt and "w1.grad = 1\n" in neuron.solution()
    assert "z_Airplane = 3.91" in ex.get("softmax_cross_entropy").prompt
    assert ex.get("parameter_count").solution() == ("3-4-2: 20 weights + 6 biases = 26\n"
                                                     "3-4-4-1: 32 weights + 9 biases = 41")


def test_han_kamber_accepts_the_books_rounded_numbers_and_finds_a_planted_sigmoid_mistake():
    exercise = ex.get("han_kamber")
    book = {name: float(v) for name, v in {**BOOK_ERRORS, **BOOK_UPDATES}.items()}
    diag = exercise.check(book)
    assert diag.outcome == "correct", diag.message
    assert exercise.check(exercise.template()).outcome == "not attempted"
    only_errors = {k: v for k, v in book.items() if k.startswith("Err")}
    assert exercise.check(only_errors).outcome == "incorrect"
    o6, target = 0.474, 1.0  # Err6 with sigmoid' written as sigma: O (T - O), not O (1 - O)(T - O)
    diag = exercise.check(dict(book, Err6=o6 * (target - o6)))
    assert diag.signature == "sigmoid_as_sigma" and "Err6" in diag.message
    uphill = dict(book, w14=0.2 + (0.2 - 0.192))  # the Seattle U deck's w + α ∂J/∂w
    diag = exercise.check(uphill)
    assert diag.signature == "update_wrong_sign" and diag.first_wrong.label == "w14"


def solved(name, seed, function):
    """The exercise's own solution, run: it must pass its own check."""
    namespace = {"math": math, "num": num, "Op": object}
    exec(ex.get(name, seed=seed).solution(), namespace)  # noqa: S102 - the library's own solution text
    return namespace[function]


RightELU = solved("op_local_derivative", 0, "MyELU")


class KinkELU(RightELU):
    @staticmethod
    def local_grads(out, x, alpha):
        return (1.0 if num(x) >= 0 else out + alpha,)  # the right side at the kink


class FloatELU(RightELU):
    @staticmethod
    def local_grads(out, x, alpha):
        return (1.0 if num(x) > 0 else alpha * math.exp(num(x)),)  # right on numbers, not differentiable


def test_op_exercise_checks_points_the_kink_and_second_order():
    exercise = ex.get("op_local_derivative", seed=5)
    assert exercise.check(RightELU).outcome == "correct"
    assert exercise.check(...).outcome == "not attempted"
    diag = exercise.check(KinkELU)
    assert diag.signature == "relu_zero_as_one" and diag.first_wrong == "x = 0"
    assert "second order" in exercise.check(FloatELU).first_wrong
    with pytest.raises(TypeError, match="forward"):
        exercise.check(42)


right_backward = solved("write_backward", 0, "backward")


def overwriting_backward(root):
    from autograd import topological_order

    order = topological_order(root)
    for v in order:
        v.grad = 0.0
    root.grad = 1.0
    for node in reversed(order):
        for parent, local in zip(node.parents, node.local_grads or ()):
            parent.grad = local * node.grad  # = instead of +=


def recursive_backward(root):
    order, seen = [], set()

    def visit(v):
        if v not in seen:
            seen.add(v)
            for p in v.parents:
                visit(p)
            order.append(v)
    visit(root)
    root.grad = 1.0
    for node in reversed(order):
        for parent, local in zip(node.parents, node.local_grads or ()):
            parent.grad += local * node.grad


def test_write_backward_on_a_diamond_a_node_used_twice_and_a_deep_chain():
    exercise = ex.get("write_backward", seed=1)
    assert exercise.check(right_backward).outcome == "correct"
    assert exercise.check(None).outcome == "not attempted"
    diag = exercise.check(overwriting_backward)
    assert diag.signature == "overwrite_not_accumulate" and diag.message.startswith("on a diamond")
    diag = exercise.check(recursive_backward)
    assert "recursion" in diag.message and "10,000-deep chain" in diag.message


def test_momentum_and_adam_against_nn_optim():
    momentum = ex.get("momentum")
    assert momentum.check(solved("momentum", 0, "momentum_step")).outcome == "correct"
    assert momentum.check(lambda x, dx, v, lr, mu: (x + (mu * v - lr * dx), mu * v - lr * dx)).outcome == "correct"
    assert momentum.check(...).outcome == "not attempted"
    diag = momentum.check(lambda x, dx, v, lr, mu: (x - (mu * v - lr * dx), mu * v - lr * dx))
    assert diag.signature == "update_wrong_sign" and diag.first_wrong == 0

    def adam(x, dx, m, v, lr, b1, b2, eps):
        m = b1 * m + (1 - b1) * dx
        v = b2 * v + (1 - b2) * dx**2
        return x - lr * m / (math.sqrt(v) + eps), m, v

    def adam_without_root(x, dx, m, v, lr, b1, b2, eps):
        m = b1 * m + (1 - b1) * dx
        v = b2 * v + (1 - b2) * dx**2
        return x - lr * m / (v + eps), m, v

    exercise = ex.get("adam", seed=2)
    assert exercise.check(adam).outcome == "correct"
    assert exercise.check(solved("adam", 2, "adam_step")).outcome == "correct"
    diag = exercise.check(adam_without_root)
    assert diag.outcome == "incorrect" and diag.first_wrong == 0
    assert exercise.check(lambda *args: 1 / 0).message.startswith("your step raised ZeroDivisionError")


def test_parameter_count_names_the_forgotten_biases():
    exercise = ex.get("parameter_count")
    assert exercise.check({"3-4-2": 26, "3-4-4-1": 41}).outcome == "correct"
    assert exercise.check(exercise.template()).outcome == "not attempted"
    diag = exercise.check({"3-4-2": 20, "3-4-4-1": 41})
    assert diag.first_wrong == "3-4-2" and "biases" in diag.message
    with pytest.raises(TypeError):
        exercise.check({"3-4-2": "26"})


def test_diagnosis_draws_and_opens_the_walkthrough_where_it_went_wrong():
    exercise = ex.get("backprop_neuron")
    wrong = dict(right_answers(exercise), n=1 - 0.7071**2 * 0 + 0.2)  # not 0.5
    diag = exercise.check(wrong)
    assert diag.first_wrong.label == "n"
    wt = diag.walkthrough()
    step = wt.steps[wt.start]
    assert step.phase == "backward" and any(wt.nodes[e.parent].label == "n" for e in step.edges)
    from autograd.draw.style import HIGHLIGHT_COLOUR

    dot = diag.draw().source
    line = next(row for row in dot.splitlines() if ">n<" in row or "<b>n</b>" in row)
    assert HIGHLIGHT_COLOUR in line  # the first wrong node stands out


def test_answers_by_node_or_label_and_clear_errors():
    a = Value(2.0, "alpha")
    b = a * a
    b.label = "b"
    assert ex.check_gradients(b, {a: 4.0, "b": 1.0})
    with pytest.raises(ValueError, match="did you mean 'alpha'"):
        ex.check_gradients(b, {"alpah": 4.0})
    with pytest.raises(TypeError, match="must be a number"):
        ex.check_gradients(b, {"alpha": "4"})
    twins = Value(1.0, "t") + Value(2.0, "t")
    with pytest.raises(ValueError, match="2 nodes are labelled 't'"):
        ex.check_gradients(twins, {"t": 1.0})


def test_the_readme_example_gives_what_its_comments_say():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if "nn.exercises" in b)
    assert len(block.strip().splitlines()) == 10
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    diag = namespace["diag"]
    assert (diag.outcome, diag.first_wrong.label, diag.signature) == ("incorrect", "n", "tanh_from_input")
    assert "0.5" not in diag.message


def test_the_neurons_seeded_variants_never_saturate():
    # a saturated tanh (|n| large) makes every gradient about 0, and the exercise teaches nothing
    for seed in range(1, 300):
        x1, x2, w1, w2, b = ex.get("backprop_neuron", seed=seed).numbers
        assert abs(x1 * w1 + x2 * w2 + b) < 1.5, seed
