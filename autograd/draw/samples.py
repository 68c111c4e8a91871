"""Graphs over several samples (a loss summed over a batch): which sample each node was computed for,
and the names pictures and the walkthrough give the nodes -- L1.n1.z[2] for sample 2's copy of
L1.n1.z, x[2][1] and y[2] for an input and a target given as plain numbers."""

from __future__ import annotations

from collections import Counter

from autograd.value import Value


def repeated_labels(order: list[Value]) -> set[str]:
    """Labels that several computed nodes share: the same model ran on several samples."""
    counts = Counter(v.label for v in order if v.parents and v.label)
    return {label for label, n in counts.items() if n > 1}


def samples_of(order: list[Value]) -> dict[Value, int]:
    """The sample (1, 2, ...) of every node computed for one sample only; {} for a graph of one sample.

    Nodes join their inputs' group unless that would put two copies of one label in a group: the node
    that adds up the samples' losses joins none and stays outside every sample. Parameters are shared
    by all samples and belong to none. Samples are numbered in the order the graph computes them."""
    repeated = repeated_labels(order)
    if not repeated:
        return {}
    group: dict[Value, int] = {}
    labels: list[set[str]] = []  # group -> the repeated labels in it
    members: list[list[Value]] = []
    for v in order:
        if not v.parents and v.role == "parameter":
            continue
        own = {v.label} if v.label in repeated else set()
        joined = list(dict.fromkeys(group[p] for p in v.parents if p in group))
        seen = set(own)
        clash = False
        for g in joined:
            clash = clash or bool(seen & labels[g])
            seen |= labels[g]
        if clash or not joined:
            group[v] = len(labels)
            labels.append(own)
            members.append([v])
            continue
        into = joined[0]
        for g in joined[1:]:  # merge the other groups into the first
            for m in members[g]:
                group[m] = into
            members[into] += members[g]
            labels[into] |= labels[g]
            members[g], labels[g] = [], set()
        group[v] = into
        labels[into] |= own
        members[into].append(v)
    position = {v: i for i, v in enumerate(order)}
    samples = sorted((g for g, found in enumerate(labels) if found), key=lambda g: min(position[m] for m in members[g]))
    number = {g: k for k, g in enumerate(samples, start=1)}
    return {v: number[g] for v, g in group.items() if g in number}


def display_labels(order: list[Value], sample: dict[Value, int] | None = None) -> dict[Value, str]:
    """The name each node is shown with, where it differs from its own label: a sample index on every
    repeated label, and x[k][j] / y[k] for unnamed inputs and targets of sample k. `sample`: what
    samples_of(order) returns, if it is known already."""
    sample = samples_of(order) if sample is None else sample
    if not sample:
        return {}
    repeated = repeated_labels(order)
    names: dict[Value, str] = {}
    inputs: dict[int, list[Value]] = {}
    targets: dict[int, list[Value]] = {}
    for v in order:  # parents in the order each op reads them: x1 before x2
        k = sample.get(v)
        if k is not None and v.label in repeated:
            names[v] = f"{v.label}[{k}]"
        for p in v.parents:
            kp = sample.get(p)
            if kp is None or p.label or p.parents:
                continue
            if p.role == "input" and p not in inputs.setdefault(kp, []):
                inputs[kp].append(p)
            elif p.role == "constant" and v.op == "-" and any(q.parents for q in v.parents) \
                    and p not in targets.setdefault(kp, []):
                targets[kp].append(p)  # the number a prediction is compared with
    for k, xs in inputs.items():
        names.update((x, f"x[{k}][{j}]") for j, x in enumerate(xs, start=1))
    for k, ys in targets.items():
        names.update((y, f"y[{k}]" if len(ys) == 1 else f"y[{k}][{j}]") for j, y in enumerate(ys, start=1))
    return names
