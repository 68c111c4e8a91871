"""Predict, then reveal: before the backward step that completes a node's gradient, the walkthrough asks
the student for it. A right answer reveals the step; a wrong one gets the hint of the misconception that
explains it (the catalogue in autograd/checking/signatures.py) and a second try; a score is kept.

The questions are made here, in Python, from the engine's numbers; the page and the Jupyter player run
the same small script (QUIZ_JS) on them, offline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..checking.check import close, node_names
from ..checking.replay import gradients, uses
from ..checking.signatures import SIGNATURES, Context

RTOL, ATOL = 5e-3, 1e-4  # an answer to 3 significant figures is right; the picture shows 4
NEEDS_ALL_ANSWERS = {"zero_grad_forgotten", "update_wrong_sign"}  # these read the whole answer sheet
GENERIC = ("not yet: {node}.grad is the sum, over each use of {node}, of the local derivative × the "
           "gradient of the node that uses it")


def asked_nodes(wt: Any, quiz: bool | Iterable) -> list:
    """The nodes to ask about: every named or unnamed non-constant node but the root, or the teacher's pick."""
    if quiz is True:
        return [v for v in wt.order if v is not wt.root and v.role != "constant"]
    chosen = list(quiz)
    for v in chosen:
        if v not in wt.ids:
            raise ValueError(f"quiz: {v!r} is not in the graph behind the walkthrough's root; pass nodes of "
                             "this graph (or quiz=True to ask about every node)")
        if v is wt.root:
            raise ValueError("quiz: the root's gradient is the seed, 1, shown before any step: ask about "
                             "the nodes below it")
    return chosen


def hints_for(v: Any, ctx: Context, names: dict) -> list[dict]:
    """What each misconception would have given as v's gradient, with its hint."""
    found = []
    for sig in SIGNATURES:
        if sig.name in NEEDS_ALL_ANSWERS:
            continue
        for value, child in sig.alternatives(v, ctx):
            if not close(value, ctx.expected[v], RTOL, ATOL) and all(abs(value - f["value"]) > 1e-12 for f in found):
                found.append({"value": value, "signature": sig.name,
                              "hint": sig.explain(names[v], names.get(child, ""), len(ctx.uses[v]))})
    return found


def quiz_spec(wt: Any) -> dict:
    """The quiz as the player script reads it: {'quiz': {'questions': [...], 'rtol', 'atol'}} or {}."""
    quiz = getattr(wt, "quiz", False)
    if not quiz:
        return {}
    asked = asked_nodes(wt, quiz)
    ctx = Context(wt.order, uses(wt.order), gradients(wt.root, wt.order))
    names = {v: wt.name(wt.ids[v]) for v in wt.order}
    names.update({v: n for v, n in node_names(wt.order).items() if v not in names})
    completed = {}  # node id -> the backward step whose edge brings its last contribution
    for step in wt.steps:
        for e in step.edges:
            if e.arrived == e.expected:
                completed[e.parent] = step.index
    questions = []
    for v in asked:
        i = wt.ids[v]
        if i not in completed:
            continue  # never reached by backward (cannot happen behind the root), nothing to ask
        questions.append({"step": completed[i], "node": i, "name": names[v], "answer": ctx.expected[v],
                          "shown": wt.num(ctx.expected[v]), "hints": hints_for(v, ctx, names),
                          "generic": GENERIC.format(node=names[v])})
    questions.sort(key=lambda q: (q["step"], q["node"]))
    return {"quiz": {"questions": questions, "rtol": RTOL, "atol": ATOL}}


QUIZ_STYLE = """
.wt-quiz { border: 2px solid #0072B2; border-radius: 6px; padding: 6px 10px; margin: 4px 0 6px;
  font-family: Helvetica, Arial, sans-serif; font-size: 14px; background: #F3F8FC; }
.wt-quiz[hidden] { display: none; }
.wt-quiz-on [data-wt-derivative] { visibility: hidden; }  /* the local derivatives are the student's to find */
.wt-quiz-answer { font-family: Menlo, Consolas, monospace; font-size: 14px; width: 9em; margin: 0 6px; }
.wt-quiz-feedback { margin-top: 4px; min-height: 1.2em; }
.wt-quiz-feedback.wrong { color: #A63A00; } .wt-quiz-feedback.right { color: #007A5A; }
.wt-quiz-score { float: right; font-variant-numeric: tabular-nums; color: #555; }
"""

# Attaches the quiz to a player made by chalkgradPlayer: a gate (spec.gate) keeps the player from showing
# a step before its question is answered; onScore(score) reports {right, asked, total} after each answer.
QUIZ_JS = r"""
function chalkgradQuiz(host, spec, player, onScore) {
  const quiz = spec.quiz, questions = quiz.questions;
  const panel = document.createElement('div');
  panel.className = 'wt-quiz';
  panel.hidden = true;
  panel.innerHTML = '<span class="wt-quiz-score"></span><span class="wt-quiz-question"></span>' +
    '<input class="wt-quiz-answer" type="text" inputmode="decimal" aria-label="your answer">' +
    '<button class="wt-quiz-check">check</button><div class="wt-quiz-feedback"></div>';
  host.querySelector('.wt-player').classList.add('wt-quiz-on');
  const head = host.querySelector('.wt-head');
  head.insertBefore(panel, host.querySelector('.wt-text'));
  const $ = (s) => panel.querySelector(s);
  const input = $('.wt-quiz-answer'), feedback = $('.wt-quiz-feedback');
  const score = { right: 0, asked: 0, total: questions.length };
  let open = 0, tries = 0;  // questions[open] is the next to answer

  function scoreText() {
    $('.wt-quiz-score').textContent = 'score ' + score.right + ' of ' + score.asked +
      ' (' + (score.total - open) + ' to go)';
  }
  function ask(q) {
    player.pause();  // playing stops at a question
    panel.hidden = false;
    $('.wt-quiz-question').textContent = 'Predict, before the next step: what is ' + q.name + '.grad once ' +
      'every contribution has arrived?';
    scoreText();
    if (document.activeElement !== input) input.focus();
  }
  function close(a, b) { return Math.abs(a - b) <= quiz.atol + quiz.rtol * Math.abs(b); }
  function reveal(message, kind) {
    const q = questions[open];
    open += 1;
    tries = 0;
    feedback.textContent = message;
    feedback.className = 'wt-quiz-feedback ' + kind;
    input.value = '';
    scoreText();
    if (onScore) onScore(Object.assign({}, score));
    if (open >= questions.length) { $('.wt-quiz-question').textContent = 'Quiz done: ' + score.right +
      ' of ' + score.total + ' right.'; input.hidden = true; $('.wt-quiz-check').hidden = true; }
    player.show(q.step);
  }
  function check() {
    const q = questions[open];
    if (!q) return;
    const typed = input.value.trim().replace('\u2212', '-').replace(',', '.');
    const answer = Number(typed);
    if (typed === '' || !isFinite(answer)) {
      feedback.textContent = 'type a number, such as -0.25';
      feedback.className = 'wt-quiz-feedback wrong';
      return;
    }
    if (tries === 0) score.asked += 1;
    if (close(answer, q.answer)) {
      score.right += 1;
      reveal('right: ' + q.name + '.grad = ' + q.shown, 'right');
      return;
    }
    tries += 1;
    if (tries >= 2) { reveal('not this time: the step shows ' + q.name + '.grad = ' + q.shown, 'wrong'); return; }
    const match = q.hints.find((h) => close(answer, h.value));
    feedback.textContent = (match ? match.hint : q.generic) + ' (one more try)';
    feedback.className = 'wt-quiz-feedback wrong';
    feedback.setAttribute('data-signature', match ? match.signature : '');
    input.select();
  }
  $('.wt-quiz-check').addEventListener('click', check);
  input.addEventListener('keydown', (event) => {
    event.stopPropagation();  // typing a number must not step or play the walkthrough
    if (event.key === 'Enter') { event.preventDefault(); check(); }
  });
  spec.gate = (k) => {
    const q = questions[open];
    if (q && k >= q.step) { ask(q); return q.step - 1; }
    return k;
  };
  scoreText();
  return { score: () => Object.assign({}, score), check: check };
}
"""
