"""The playground: a live training dashboard in Jupyter, from the decision boundary down to one
sample's computation graph. `playground()` builds it; the parts are plain Python (state.py) under
a widget (widget.py), so everything but the drawing runs and is tested without a browser."""

from __future__ import annotations

from typing import Any

from .state import PlaygroundState
from .widget import Playground

__all__ = ["playground", "Playground", "PlaygroundState"]


def playground(model: Any = None, data: str = "moons", **options: Any) -> Playground:
    """A dashboard that trains a network on toy data in this kernel, with chalkgrad.

    model: None builds an MLP from the controls (features, hidden layers, activations); an nn
        model of your own is trained as it is (the network buttons are then disabled).
    data: 'moons', 'circles', 'xor', 'spirals', 'blobs' or 'regression' (1-D).
    options: features (['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)']), hidden ([4, 2]),
        activation ('tanh'), n (100 points), noise (0.1), test_fraction (0.3), optimizer ('sgd',
        'momentum', 'adam', 'rmsprop'), lr (0.1), l1, l2 (0.0), batch_size (10), seed (0).

    Show it in Jupyter (the last line of a cell); ``.step(epochs)`` trains from code, ``.model`` and
    ``.history`` are the model and its curves, ``.code`` the Python that builds the network.
    """
    return Playground(PlaygroundState(model, data, **options))
