"""Predict, then reveal, in a real JupyterLab: the quiz player asks before a step, hints after a wrong
answer, reveals after a right one, reaches the end, and the kernel sees the score."""

from __future__ import annotations

import pytest

from autograd import walkthrough
from autograd.player.quiz import quiz_spec
from nn.exercises import get

from .lab_notebooks import put_notebook, run_cell
from .test_jupyterlab_player import jupyter_lab, open_notebook, wait_for  # noqa: F401  (jupyter_lab: a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CELLS = [
    "from nn.exercises import get\n"
    "from autograd import walkthrough\n"
    "player = walkthrough(get('backprop_neuron').graph(), quiz=True).player()\n"
    "player",
    "print('kernel sees', sorted(player.score.items()))",
]


def test_quiz_in_jupyterlab_hints_reveals_and_the_kernel_sees_the_score(jupyter_lab, browser,  # noqa: F811
                                                                        screenshot_dir):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base, token = jupyter_lab
    put_notebook(base, token, "quiz.ipynb", CELLS)
    questions = quiz_spec(walkthrough(get("backprop_neuron").graph(), quiz=True))["quiz"]["questions"]
    open_notebook(browser, base, token, "quiz.ipynb")
    run_cell(browser, 0)
    player = wait_for(lambda: browser.find_element(By.CSS_SELECTOR, ".wt-player"), 60, "the quiz player")

    def find(selector):
        return player.find_element(By.CSS_SELECTOR, selector)

    def answer(typed):
        box = find(".wt-quiz-answer")
        box.clear()
        box.send_keys(typed, Keys.ENTER)

    find(".wt-slider").click()  # focus the player; then End asks to jump to the last step
    player.send_keys(Keys.END)
    wait_for(lambda: find(".wt-quiz").is_displayed(), 10, "the first question")
    assert f"{questions[0]['name']}.grad" in find(".wt-quiz-question").text
    answer(str(-questions[0]["answer"]))  # a flipped sign
    feedback = find(".wt-quiz-feedback")
    assert "wrong sign" in feedback.text and feedback.get_attribute("data-signature") == "sign_flip"
    browser.save_screenshot(str(screenshot_dir / "quiz_jupyterlab_wrong_answer.png"))
    answer(repr(questions[0]["answer"]))
    assert "right" in find(".wt-quiz-feedback").text
    for q in questions[1:]:
        player.send_keys(Keys.END)
        assert f"{q['name']}.grad" in find(".wt-quiz-question").text
        answer(repr(q["answer"]))
    player.send_keys(Keys.END)
    total = len(questions)
    assert find(".wt-counter").text.startswith(f"step {len(walkthrough(get('backprop_neuron').graph()))} of")
    assert find(".wt-quiz-score").text.startswith(f"score {total} of {total}")

    run_cell(browser, 1)
    second = browser.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")[1]
    printed = wait_for(lambda: [e.text for e in second.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output")
                                if "kernel sees" in e.text], 30, "the second cell's output")
    assert printed == [f"kernel sees [('asked', {total}), ('right', {total}), ('total', {total})]"]
