"""The student's turn: exercises that check themselves, find the first wrong node, and hint without giving
the answer away.

check_gradients(root, answers) -> Diagnosis (outcome, first_wrong, signature, message, draw(), walkthrough());
SIGNATURES: the misconceptions it recognises from the numbers alone;
get(name, seed=) -> an exercise (prompt, check, hint, solution); catalogue() lists them;
bug_hunt(seed) -> a graph whose backward pass has one fault to find.
"""

from autograd.checking.check import check_gradients, check_update, check_values
from autograd.checking.diagnosis import Diagnosis
from autograd.checking.faults import faulty_gradients
from autograd.checking.signatures import SIGNATURES, Signature

from . import code, graphs, han_kamber, layers, numbers  # noqa: F401  (each registers its exercises)
from .base import Exercise, catalogue, get
from .bug_hunt import BugHunt, bug_hunt

__all__ = ["check_gradients", "check_update", "check_values", "Diagnosis", "SIGNATURES", "Signature",
           "faulty_gradients", "get", "catalogue", "Exercise", "bug_hunt", "BugHunt"]
