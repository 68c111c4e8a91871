"""The student's turn: exercises that check themselves, find the first wrong node, and hint without giving
the answer away.

check_gradients(root, answers) -> Diagnosis; SIGNATURES, the misconceptions it recognises;
get(name, seed=) -> an exercise (prompt, check, hint, solution); catalogue() lists them;
bug_hunt(seed) -> a graph whose backward pass has one fault to find.
"""

from autograd.checking.check import check_gradients, check_update, check_values
from autograd.checking.diagnosis import Diagnosis
from autograd.checking.faults import faulty_gradients
from autograd.checking.signatures import SIGNATURES, Signature

__all__ = ["check_gradients", "check_update", "check_values", "Diagnosis", "SIGNATURES", "Signature",
           "faulty_gradients"]
