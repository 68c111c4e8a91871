"""The course decks' worked examples, each reproduced with chalkgrad and checked against the printed numbers.

Each module runs on its own (``python -m nn.examples.<name>``) and can be imported in a notebook:

- ``han_kamber``: Han & Kamber's backpropagation example, table by table (``make demo``);
  its parts: ``han_kamber_book`` (the book's numbers and hand calculation), ``han_kamber_model``
  (the MLP and its training step), ``units`` (the unit-level trace: I_j, O_j, Err_j = -dE/dI_j).
- ``single_neuron`` (deck 001), ``logic_gates`` (AND and OR, deck 002), ``xor`` (deck 000),
  ``softmax_table`` (deck 000), ``block_view`` (deck 003), ``tiny_network`` (the 1-1-1 network, deck 004).
- ``architecture`` (parameter counts, linear layers collapse; deck 000), ``house_price`` (a network over
  chosen inputs; deck 001), ``delta_rule`` (accumulators, J divided by m; deck 002), ``errata`` (slips in
  the decks), ``penalties_and_ensembles`` (L1/L2, bagging, Monte-Carlo dropout, minima and saddles; deck 004).

``python -m nn.examples`` prints all the deck examples.
"""

EXAMPLES = ("single_neuron", "logic_gates", "xor", "softmax_table", "block_view", "tiny_network", "han_kamber",
            "architecture", "house_price", "delta_rule", "errata", "penalties_and_ensembles")


def __getattr__(name: str):
    # The old name of penalties_and_ensembles, for `from nn.examples import regularisation`; renamed so it
    # does not read as a twin of nn/regularization.py (the Dropout and BatchNorm1d layers).
    if name == "regularisation":
        from . import penalties_and_ensembles

        return penalties_and_ensembles
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
