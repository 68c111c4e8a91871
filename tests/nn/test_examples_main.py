"""`python -m nn.examples`: lists its examples on --help, runs those named, and rejects unknown names."""

import subprocess
import sys

import pytest

from nn.examples import EXAMPLES
from nn.examples.__main__ import main, summary


def test_help_lists_every_example_with_a_description_and_runs_none(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for name in EXAMPLES:
        assert f"  {name}  " in out or f"  {name} " in out
        assert summary(name) and summary(name) in out
    assert "python -m nn.examples.han_kamber --help" in out and "====" not in out


def test_named_examples_run_alone(capsys):
    assert main(["xor"]) == 0
    out = capsys.readouterr().out
    assert out.count("==== ") == 1 and "XOR" in out


def test_an_unknown_name_is_an_error_that_lists_the_choices(capsys):
    with pytest.raises(SystemExit) as done:
        main(["xr"])
    assert done.value.code == 2 and "no example named xr; choose from: single_neuron" in capsys.readouterr().err


def test_the_command_line_entry_point():
    out = subprocess.run([sys.executable, "-m", "nn.examples", "--list"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and all(name in out.stdout for name in EXAMPLES)


def test_the_penalties_example_still_answers_to_its_old_name():
    from nn.examples import penalties_and_ensembles, regularisation

    assert regularisation is penalties_and_ensembles
