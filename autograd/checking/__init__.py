"""Checking a student's numbers against the graph: which node first went wrong, and which misconception
explains it (check.py, signatures.py); the same mistakes injected into a private backward pass (faults.py)."""
