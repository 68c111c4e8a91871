"""Backprop as code: `to_source` writes a graph's forward and backward pass as straight-line Python
(source.py); `compile` turns a training step into a replay at float speed (compiled.py)."""
