"""The README's code examples run, and give the numbers their comments promise."""

import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)


def _run(block: str) -> dict:
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    return namespace


def test_engine_example():
    ns = _run(BLOCKS[0])
    assert f"{ns['o'].data:.4f}" == "0.7071" and f"{ns['w1'].grad:.4f}" == "1.0000"


def test_network_example_reaches_full_accuracy():
    block = BLOCKS[1].replace("epochs=100,", "epochs=100, progress=False,")
    ns = _run(block)
    assert ns["history"].accuracy[-1] == 1.0


def test_convolution_example_shows_the_shared_gradient():
    ns = _run(next(b for b in BLOCKS if "Conv1d" in b))
    assert len(ns["y"]) == 4
    assert ns["shared"] != 0.0 and abs(ns["w1"].grad - ns["shared"]) < 1e-12


def test_teaching_helpers_example():
    ns = _run(next(block for block in BLOCKS if "MaskedLayer" in block))
    assert len(ns["model"].parameters()) == 12
    assert ns["nn"].gradcheck(ns["model"], "mse", ns["X"], ns["y"]).passed


def test_backprop_as_code_example_prints_a_program_that_reruns_backward(capsys):
    block = next(b for b in BLOCKS if "to_source" in b)
    ns = _run(block)
    printed = capsys.readouterr().out
    assert "grad_x += w * grad_n2  # *" in printed and "`grad_x += w * grad_n2  # *`" in README
    rerun: dict = {}
    exec(printed, rerun)  # noqa: S102 - text generated from our own README's graph
    assert rerun["grad_x"] == ns["x"].grad and rerun["y"] == ns["y"].data
