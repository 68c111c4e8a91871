"""Predict, then reveal, in the offline page: in headless Chromium the student types answers, reads the
misconception's hint after a wrong one, tries again, and reaches the end with the score kept."""

from __future__ import annotations

import pytest

from autograd import walkthrough
from autograd.player.quiz import quiz_spec
from nn.exercises import get

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def neuron():
    return get("backprop_neuron").graph()


def text(driver, selector):
    return driver.find_element("css selector", selector).text


def answer(driver, typed):
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element("css selector", ".wt-quiz-answer")
    box.clear()
    box.send_keys(typed, Keys.ENTER)


def test_quiz_in_the_page_hints_a_wrong_answer_and_reaches_the_end(browser, tmp_path, screenshot_dir):
    from selenium.webdriver.common.keys import Keys

    root = neuron()
    wt = walkthrough(root, quiz=True)
    questions = quiz_spec(wt)["quiz"]["questions"]
    page = tmp_path / "quiz.html"
    wt.save(page)
    browser.get(page.as_uri())
    assert not browser.find_element("css selector", ".wt-quiz").is_displayed()

    # End jumps forward, but the quiz holds the player before the first step it asks about.
    browser.find_element("tag name", "body").send_keys(Keys.END)
    first = questions[0]
    assert text(browser, ".wt-counter") == f"step {first['step']} of {len(wt)}"  # the step before it
    assert browser.find_element("css selector", ".wt-quiz").is_displayed()
    assert f"{first['name']}.grad" in text(browser, ".wt-quiz-question")

    # tanh' from the input: 1 - n^2 instead of 1 - o^2; the hint names it, and the number stays hidden.
    n = next(v for v in wt.order if v.label == "n")
    answer(browser, f"{1 - n.data ** 2:.4f}")
    feedback = browser.find_element("css selector", ".wt-quiz-feedback")
    assert "tanh" in feedback.text and "one more try" in feedback.text
    assert feedback.get_attribute("data-signature") == "tanh_from_input"
    assert first["shown"] not in feedback.text
    assert text(browser, ".wt-counter") == f"step {first['step']} of {len(wt)}"  # not revealed yet
    browser.save_screenshot(str(screenshot_dir / "quiz_page_wrong_answer.png"))

    answer(browser, "abc")
    assert "type a number" in text(browser, ".wt-quiz-feedback")
    answer(browser, f"{first['answer']:.4f}")  # the second try, right
    assert text(browser, ".wt-counter") == f"step {first['step'] + 1} of {len(wt)}"
    assert "right" in text(browser, ".wt-quiz-feedback")

    # A wrong answer twice reveals the step anyway; the rest are answered right.
    body = browser.find_element("tag name", "body")
    body.send_keys(Keys.END)
    answer(browser, "123")
    answer(browser, "124")
    assert "not this time" in text(browser, ".wt-quiz-feedback")
    held = questions[2]["step"] if questions[2]["step"] == questions[1]["step"] else questions[1]["step"] + 1
    assert text(browser, ".wt-counter") == f"step {held} of {len(wt)}"  # revealed, unless the next waits
    for q in questions[2:]:
        body.send_keys(Keys.END)
        assert f"{q['name']}.grad" in text(browser, ".wt-quiz-question")
        answer(browser, repr(q["answer"]))
    body.send_keys(Keys.END)
    assert text(browser, ".wt-counter") == f"step {len(wt)} of {len(wt)}"
    score = text(browser, ".wt-quiz-score")
    assert score.startswith(f"score {len(questions) - 1} of {len(questions)}"), score
    assert "Quiz done" in text(browser, ".wt-quiz-question")
    browser.save_screenshot(str(screenshot_dir / "quiz_page_done.png"))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_the_teacher_picks_the_nodes_and_typing_does_not_step_the_player(browser, tmp_path):
    from selenium.webdriver.common.keys import Keys

    root = neuron()
    w1 = next(v for v in walkthrough(root).order if v.label == "w1")
    wt = walkthrough(root, quiz=[w1])
    page = tmp_path / "pick.html"
    wt.save(page)
    browser.get(page.as_uri())
    browser.find_element("tag name", "body").send_keys(Keys.END)
    assert "w1.grad" in text(browser, ".wt-quiz-question")
    before = text(browser, ".wt-counter")
    box = browser.find_element("css selector", ".wt-quiz-answer")
    box.send_keys(" ", Keys.ARROW_RIGHT, Keys.ARROW_LEFT)  # keys in the box stay in the box
    assert text(browser, ".wt-counter") == before
    answer(browser, "1")
    body = browser.find_element("tag name", "body")
    body.send_keys(Keys.END)
    assert text(browser, ".wt-counter") == f"step {len(wt)} of {len(wt)}"
    assert text(browser, ".wt-quiz-score").startswith("score 1 of 1")
