"""Every file chalkgrad writes is whole or untouched: nn.save, a graph's save, Walkthrough.save and
its frames. A failed write (full disk, read-only folder, unencodable text) keeps the old file."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

import nn
from autograd import Value, draw_dot, walkthrough
from autograd.files import write_atomically


def _model(label: str = "w") -> nn.MLP:
    model = nn.MLP(2, [2, 1], seed=0)
    model.parameters()[0].label = label
    return model


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@contextlib.contextmanager
def _tmpfs(kilobytes: int):
    """A tiny filesystem of its own, mounted for the test (needs root and mount)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("making a tiny full filesystem needs root to mount a tmpfs; this run is not root")
    folder = Path("/tmp") / f"chalkgrad-tmpfs-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}), so no tiny full filesystem")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


def test_a_label_json_cannot_encode_as_utf8_still_saves_and_loads(tmp_path):
    path = tmp_path / "model.json"
    model = _model("b\udcff")  # a lone surrogate, as os.fsdecode makes of a bad byte
    nn.save(model, path)
    twin = nn.load(nn.MLP(2, [2, 1], seed=1), path)
    assert [p.data for p in twin.parameters()] == [p.data for p in model.parameters()]
    assert '"label": "b\\udcff"' in path.read_text(encoding="utf-8")


def test_a_save_that_fails_midway_keeps_the_good_file(tmp_path, monkeypatch):
    path = tmp_path / "model.json"
    nn.save(_model(), path)
    good = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match=r"could not write .*model\.json: No space left.*file there is unchanged"):
        nn.save(nn.MLP(2, [2, 1], seed=5), path)
    assert path.read_bytes() == good and _leftovers(tmp_path) == []


def test_a_parameter_set_to_an_int_saves(tmp_path):
    model = _model()
    model.parameters()[0].data = 1
    nn.save(model, tmp_path / "m.json")
    assert nn.load(_model(), tmp_path / "m.json").parameters()[0].data == 1.0


def test_a_read_only_folder_refuses_and_keeps_the_file(tmp_path):
    if os.geteuid() == 0:  # root ignores permission bits: a read-only mount is the real thing
        with _tmpfs(64) as folder:
            nn.save(_model(), folder / "model.json")
            good = (folder / "model.json").read_bytes()
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            with pytest.raises(OSError, match=r"could not write .*Read-only file system; the file there is unchanged"):
                nn.save(nn.MLP(2, [2, 1], seed=5), folder / "model.json")
            assert (folder / "model.json").read_bytes() == good
        return
    nn.save(_model(), tmp_path / "model.json")
    good = (tmp_path / "model.json").read_bytes()
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(PermissionError, match=r"could not write .*the file there is unchanged"):
            nn.save(nn.MLP(2, [2, 1], seed=5), tmp_path / "model.json")
    finally:
        tmp_path.chmod(0o755)
    assert (tmp_path / "model.json").read_bytes() == good


def test_a_full_disk_keeps_the_good_file():
    with _tmpfs(24) as folder:
        path = folder / "model.json"
        nn.save(_model(), path)
        good = path.read_bytes()
        with open(folder / "filler", "wb", buffering=0) as filler:  # fill every free block
            with contextlib.suppress(OSError):
                while True:
                    filler.write(b"x" * 512)
        big = nn.MLP(2, [2, 1], seed=5)
        with pytest.raises(OSError, match=r"could not write .*No space left on device; the file there is unchanged"):
            nn.save(big, path)
        assert path.read_bytes() == good and _leftovers(folder) == []


def test_permissions_of_the_old_file_are_kept(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("old")
    path.chmod(0o640)
    write_atomically(path, "new")
    assert path.read_text() == "new" and (path.stat().st_mode & 0o777) == 0o640


def test_graph_and_walkthrough_saves_go_through_the_same_door(tmp_path, monkeypatch):
    y = (Value(2.0, "a") * Value(-1.0, "b")).tanh()
    y.label = "y"
    written = []
    import autograd.files as files

    real = files.write_atomically

    def spy(path, content):
        written.append(Path(path).name)
        return real(path, content)

    for module in ("autograd.draw.output", "autograd.player.frames"):
        monkeypatch.setattr(f"{module}.write_atomically", spy)
    draw_dot(y).save(str(tmp_path / "graph.gv"))
    walkthrough(y).save(tmp_path / "page.html")
    if shutil.which("dot"):
        draw_dot(y).save(str(tmp_path / "graph.svg"))
        walkthrough(y).save(tmp_path / "frames", fmt="svg")
    assert {"graph.gv", "page.html"} <= set(written)
    assert (tmp_path / "graph.gv").read_text().startswith("digraph")
    assert _leftovers(tmp_path) == []
