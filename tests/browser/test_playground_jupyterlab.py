"""The playground end to end in a real JupyterLab (the walkthrough test's server: a free port, a
token, a temporary folder): open it, play until the loss falls, add a point by clicking, pick it
and open its graph and its backprop, delete it by shift-click, change an activation, step and reset;
no console errors."""

from __future__ import annotations

import pytest

from .lab_notebooks import put_notebook, run_cell
from .test_jupyterlab_player import jupyter_lab, open_notebook, screenshot_on_timeout  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LOSS_BELOW = 0.3  # the moons start near 0.8 (log 2 = 0.69 is a coin toss); a trained net is far below
CELLS = ["import nn\npg = nn.playground(data='moons', noise=0.1, seed=0)\npg",
         "print('kernel sees', len(pg.state.data.points), 'points, epoch', pg.history.epochs,\n"
         "      'lr', pg.state.trainer.lr)"]


def number_in(text: str) -> float:
    return float(text.split()[-1])


class Page:
    """The playground on the page: find its parts, wait (with a screenshot when a wait times out)."""

    def __init__(self, browser, screenshot_dir) -> None:
        self.browser, self.shots = browser, screenshot_dir
        self.wait = screenshot_on_timeout(browser, screenshot_dir / "playground_timeout.png")

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.browser.find_element(By.CSS_SELECTOR, css)

    def points(self) -> int:
        return int(self.find(".pg-plot").get_attribute("data-points"))

    def click_plot(self, offset: tuple[int, int], shift: bool = False) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        actions = ActionChains(self.browser).move_to_element_with_offset(self.find(".pg-plot"), *offset)
        (actions.key_down(Keys.SHIFT).click().key_up(Keys.SHIFT) if shift else actions.click()).perform()

    def shot(self, name: str) -> None:
        self.browser.save_screenshot(str(self.shots / name))


def play_until_the_loss_falls(page: Page) -> None:
    from selenium.webdriver.support.ui import Select

    find, wait = page.find, page.wait
    wait(lambda: find(".pg .pg-plot").is_displayed() and find(".pg-epoch").text == "epoch 0", 60, "the playground")
    assert number_in(find(".pg-train-loss").text) > LOSS_BELOW
    find(".pg-play").click()  # trains in the kernel, a tick at a time, until paused
    Select(find(".pg-lr")).select_by_value("0.3")  # while playing: the redraws leave the choice alone
    wait(lambda: number_in(find(".pg-train-loss").text) < LOSS_BELOW, 40, f"the training loss below {LOSS_BELOW}")
    find(".pg-play").click()
    wait(lambda: "play" in find(".pg-play").text, 10, "the pause")
    assert Select(find(".pg-lr")).first_selected_option.text == "0.3"
    assert number_in(find(".pg-epoch").text) >= 1
    page.shot("playground_trained.png")


def add_a_point_and_go_down(page: Page) -> int:
    """Add a point in the empty top-left corner, pick it, open its graph and its backprop, delete it
    by shift-click and add it again; returns how many points there were before."""
    from selenium.webdriver.common.by import By

    find, wait, browser = page.find, page.wait, page.browser
    points, plot = page.points(), find(".pg-plot")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", plot)
    corner = (-plot.size["width"] // 2 + 12, -plot.size["height"] // 2 + 12)  # offsets from the centre
    page.click_plot(corner)
    wait(lambda: page.points() == points + 1, 20, "the new point")
    page.click_plot(corner)  # on the point now: picks it
    wait(lambda: f"point {points}:" in find(".pg-picked").text, 20, "the picked point")
    assert find(".pg-net .pg-node-value").is_displayed()  # its values, neuron by neuron

    find(".pg-graph").click()
    svg = wait(lambda: find(".pg-detail .pg-graph-svg svg"), 30, "the point's computation graph")
    assert "loss" in svg.get_attribute("textContent") and not find(".pg-main").is_displayed()
    page.shot("playground_graph.png")
    find(".pg-back").click()
    wait(lambda: find(".pg-main").is_displayed(), 10, "the way back")
    find(".pg-walk").click()
    frame = wait(lambda: find(".pg-detail iframe.pg-walkthrough"), 30, "the point's backprop walkthrough")
    assert "wt-player" in frame.get_attribute("srcdoc")
    browser.switch_to.frame(frame)  # the walkthrough's own player runs inside
    wait(lambda: browser.find_element(By.CSS_SELECTOR, ".wt-counter").text.startswith("step 1 of"), 20, "its player")
    browser.switch_to.default_content()
    page.shot("playground_walkthrough.png")
    find(".pg-back").click()
    wait(lambda: find(".pg-main").is_displayed(), 10, "the way back")

    page.click_plot(corner, shift=True)  # deletes the point nearest the click: the new one
    wait(lambda: page.points() == points, 20, "the deletion")
    page.click_plot(corner)
    wait(lambda: page.points() == points + 1, 20, "the point again")
    return points


def change_the_activation_step_and_reset(page: Page) -> None:
    from selenium.webdriver.support.ui import Select

    find, wait = page.find, page.wait
    Select(find(".pg-layer .pg-activation")).select_by_value("relu")  # a new network: epoch 0 again
    wait(lambda: find(".pg-epoch").text == "epoch 0" and
         Select(find(".pg-layer .pg-activation")).first_selected_option.text == "relu", 20, "the relu network")
    find(".pg-step").click()
    wait(lambda: find(".pg-epoch").text == "epoch 1", 20, "one step")
    find(".pg-reset").click()
    wait(lambda: find(".pg-epoch").text == "epoch 0", 20, "the reset")
    assert find(".pg-status").text == ""


def test_playground_trains_adds_picks_goes_down_and_resets(jupyter_lab, browser, screenshot_dir):  # noqa: F811
    from selenium.webdriver.common.by import By

    base, token = jupyter_lab
    put_notebook(base, token, "playground.ipynb", CELLS)
    open_notebook(browser, base, token, "playground.ipynb")
    # Only what happens from here on counts: JupyterLab's start-up may log its own extensions' errors
    # (a JupyterLite kernel extension in the same environment cannot load in JupyterLab).
    browser.get_log("browser")
    page = Page(browser, screenshot_dir)
    run_cell(browser, 0)
    play_until_the_loss_falls(page)
    points = add_a_point_and_go_down(page)
    change_the_activation_step_and_reset(page)

    run_cell(browser, 1)
    printed = page.wait(lambda: [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output")
                                 if "kernel sees" in e.text], 30, "the second cell")
    assert printed == [f"kernel sees {points + 1} points, epoch 0 lr 0.3"]
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], [e["message"] for e in errors]
