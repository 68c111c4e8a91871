"""Backprop, step by step: `walkthrough` (steps.py) lists the steps; the picture of each step (scene.py),
the offline page (page.py), the Jupyter player (jupyter.py) and frames as images (frames.py) show them."""
