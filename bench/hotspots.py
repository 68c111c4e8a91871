"""Where chalkgrad spends its time: cProfile over one benchmark workload, top functions printed.

    .venv/bin/python bench/hotspots.py demo        # the demo training step (default)
    .venv/bin/python bench/hotspots.py inference   # the no_grad forward
    .venv/bin/python bench/hotspots.py chain       # a 200,000-node chain, forward + backward
    .venv/bin/python bench/hotspots.py cnn         # the glyph CNN's training step (bench/cnn.py)

For a sampling view of the same loop: `py-spy record -o demo.svg -- .venv/bin/python bench/hotspots.py demo`.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import cnn, peers, workloads  # noqa: E402
from bench.moons import make_moons  # noqa: E402

WORKLOADS = ("demo", "inference", "chain", "cnn")


def job(name: str, repeat: int):
    """A no-argument function running `repeat` rounds of the named workload on chalkgrad."""
    chalk = peers.chalkgrad()
    X, y = make_moons(100, noise=0.1, seed=1337)
    model = workloads.demo_model(chalk, workloads.initial_weights(1337))
    if name == "demo":
        return lambda: [workloads.demo_step(chalk, model, X, y) for _ in range(repeat)]
    if name == "inference":
        return lambda: [workloads.inference(chalk, model, X) for _ in range(repeat)]
    if name == "chain":
        return lambda: [workloads.deep_chain(chalk, 200_000) for _ in range(repeat)]
    if name == "cnn":
        net, (images, labels) = cnn.make_model(), cnn.make_batch()
        return lambda: [cnn.step(net, images, labels) for _ in range(repeat)]
    raise ValueError(f"unknown workload {name!r}: choose {', '.join(WORKLOADS)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", nargs="?", default="demo", choices=WORKLOADS)
    parser.add_argument("--repeat", type=int, default=20, help="rounds profiled (default 20)")
    parser.add_argument("--top", type=int, default=15, help="functions listed per table")
    args = parser.parse_args(argv)
    run = job(args.workload, args.repeat)
    run()  # warm-up outside the profile
    profiler = cProfile.Profile()
    profiler.runcall(run)
    for key in ("cumulative", "tottime"):
        print(f"--- {args.workload} x{args.repeat}: top {args.top} by {key} ---")
        pstats.Stats(profiler).strip_dirs().sort_stats(key).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
