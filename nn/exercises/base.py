"""What every exercise offers, in learntools' shape: `prompt`, `check(answer)`, `hint()` / `hint(k)`,
`solution()`; and the registry behind `get(name, seed=)` and `catalogue()`."""

from __future__ import annotations

import difflib
import random
from dataclasses import dataclass
from typing import Any

from autograd.checks import integer

REGISTRY: dict[str, type[Exercise]] = {}


class Exercise:
    """One exercise, its numbers fixed by `seed` (a student id, say): the structure stays, the numbers
    change, so two students cannot copy answers; seed 0 is the decks' own numbers where they have some.

    Subclasses set `name`, `kind`, `title`, `hints` (from gentle to nearly there, never the answer)
    and write `_build()` (the numbers), `prompt`, `check()` and `solution()`.
    """

    name = "?"
    kind = "?"
    title = "?"
    hints: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name != "?":
            REGISTRY[cls.name] = cls

    def __init__(self, seed: int = 0) -> None:
        self.seed = integer("seed", seed, low=0)
        self.rng = random.Random(f"{self.name}:{self.seed}")  # one stream per exercise and seed
        self._build()

    def _build(self) -> None:
        raise NotImplementedError

    @property
    def prompt(self) -> str:
        raise NotImplementedError

    def check(self, answer: Any) -> Any:
        raise NotImplementedError

    def solution(self) -> str:
        raise NotImplementedError

    def hint(self, k: int = 1) -> str:
        """Hint number k (1 first); each says a little more, none gives the answer."""
        k = integer("k", k, low=1)
        if k > len(self.hints):
            return f"(there are {len(self.hints)} hints; this is the last) " + self.hints[-1]
        return self.hints[k - 1]

    def __repr__(self) -> str:
        return f"<exercise {self.name!r} (seed {self.seed}): print(ex.prompt), ex.check(answer), ex.hint()>"

    def _repr_markdown_(self) -> str:
        return f"**{self.title}** (`{self.name}`, seed {self.seed})\n\n```\n{self.prompt}\n```"


def rounded(rng: random.Random, low: float, high: float, decimals: int = 1) -> float:
    """A number a student can work with by hand: uniform in [low, high], to `decimals` places, never 0."""
    while True:
        x = round(rng.uniform(low, high), decimals)
        if x != 0:
            return x


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    title: str

    def __str__(self) -> str:
        return f"{self.name:<24} {self.kind:<16} {self.title}"


def catalogue() -> list[Entry]:
    """Every exercise: its name (for get), its kind and a title."""
    return [Entry(cls.name, cls.kind, cls.title) for cls in REGISTRY.values()]


def get(name: str, seed: int = 0) -> Exercise:
    """The exercise called `name`, with the numbers of `seed` (checking uses the same seed)."""
    if name not in REGISTRY:
        close = difflib.get_close_matches(str(name), list(REGISTRY), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"no exercise is called {name!r}{hint}; nn.exercises.catalogue() lists them: "
                         f"{', '.join(REGISTRY)}")
    return REGISTRY[name](seed)
