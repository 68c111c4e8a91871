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
