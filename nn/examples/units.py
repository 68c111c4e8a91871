"""The unit-level trace of a network, now public as nn.unit_table; kept here for existing imports."""

from nn.tables import Unit, find_units, unit_table

__all__ = ["Unit", "find_units", "unit_table"]
