"""no_grad / enable_grad and detach()."""

from autograd import Value, enable_grad, is_grad_enabled, no_grad


def test_no_grad_records_nothing():
    a = Value(2.0)
    with no_grad():
        assert not is_grad_enabled()
        b = (a * 3).tanh()
    assert is_grad_enabled()
    assert b.parents == () and b.op == "" and b.local_grads is None
    assert b.data == Value(6.0).tanh().data


def test_no_grad_as_a_decorator_restores_the_mode_after_an_error():
    @no_grad()
    def forward(x):
        assert not is_grad_enabled()
        raise RuntimeError("boom")

    try:
        forward(Value(1.0))
    except RuntimeError:
        pass
    assert is_grad_enabled()


def test_enable_grad_inside_no_grad():
    with no_grad():
        with enable_grad():
            y = Value(1.0) * 2
        assert not is_grad_enabled()
    assert y.op == "*"


def test_nested_no_grad():
    with no_grad():
        with no_grad():
            pass
        assert not is_grad_enabled()
    assert is_grad_enabled()


def test_detach_cuts_the_graph():
    a = Value(2.0, "a")
    b = (a * a).detach()
    assert b.parents == () and b.data == 4.0
    (b * 3).backward()
    assert a.grad is None


# ---- grad mode belongs to each thread, as in PyTorch ----------------------------------------------

def _in_thread(fn):
    import threading

    out = {}
    t = threading.Thread(target=lambda: out.setdefault("result", fn()))
    t.start()
    t.join()
    return out["result"]


def test_no_grad_in_one_thread_does_not_stop_recording_in_another():
    import threading

    inside, go_on = threading.Event(), threading.Event()

    def other():
        with no_grad():
            inside.set()
            go_on.wait(5)

    t = threading.Thread(target=other)
    t.start()
    inside.wait(5)
    try:
        assert is_grad_enabled()
        y = Value(2.0) * Value(3.0)
        assert y.op == "*"
        y.backward()
        assert y.parents[0].grad == 3.0
    finally:
        go_on.set()
        t.join()


def test_overlapping_no_grad_blocks_in_two_threads_leave_recording_on():
    import threading

    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()

    def first():  # enters first, leaves first
        with no_grad():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def second():  # enters second, leaves last
        a_in.wait(5)
        with no_grad():
            b_in.set()
            a_out.wait(5)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert is_grad_enabled()
    x = Value(1.5)
    (x * x).backward()
    assert x.grad == 3.0
    assert _in_thread(is_grad_enabled)


def test_a_new_thread_starts_with_recording_on_even_inside_no_grad():
    with no_grad():
        assert _in_thread(lambda: (Value(1.0) * 2).op) == "*"
        assert not is_grad_enabled()


def test_no_grad_as_a_bare_decorator():
    @no_grad
    def forward(x):
        return x * 2

    @enable_grad
    def record(x):
        return x * 2

    assert forward.__name__ == "forward"
    assert forward(Value(1.0)).op == ""
    with no_grad():
        assert record(Value(1.0)).op == "*"
    assert is_grad_enabled()


def test_no_grad_with_a_non_function_argument_says_how_to_use_it():
    import pytest

    with pytest.raises(TypeError, match="takes no arguments"):
        no_grad(3)
