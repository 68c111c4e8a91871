"""chalkgrad's benchmark against micrograd and PyTorch: run it with `make bench` (bench/run.py)."""
