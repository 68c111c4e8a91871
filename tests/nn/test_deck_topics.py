"""Every deck topic the notebooks demonstrate, pinned to the deck's number or formula."""

import math
import statistics

import pytest

import nn
from autograd import Value, gradcheck
from nn import SGD, Adam
from nn.examples import architecture, delta_rule, errata, house_price
from nn.examples import penalties_and_ensembles as experiments

# ---- deck 000 (UT Austin): parameter counts, linear layers collapse ------------------------------


def test_parameter_counts_26_and_41_shown_by_the_models_repr():
    assert len(nn.MLP(3, [4, 2]).parameters()) == 26 and "parameters=26" in repr(nn.MLP(3, [4, 2]))
    assert len(nn.MLP(3, [4, 4, 1]).parameters()) == 41 and "parameters=41" in repr(nn.MLP(3, [4, 4, 1]))
    assert architecture.by_hand(3, [4, 2]) == (20, 6) and architecture.by_hand(3, [4, 4, 1]) == (32, 9)
    assert set(architecture.count_table().column("ok")) == {"✓"}


def test_two_linear_layers_are_the_decks_expanded_linear_map():
    p = architecture.PARAMS
    model = architecture.linear_network()
    a1, a2, c = architecture.collapsed()
    for x1, x2 in architecture.POINTS + [(0.3, -7.0)]:
        expanded = (p["w1"] * p["w5"] * x1 + p["w3"] * p["w5"] * x2 + p["w5"] * p["b1"] + p["w2"] * p["w6"] * x1
                    + p["w4"] * p["w6"] * x2 + p["w6"] * p["b2"] + p["b3"])  # the deck's last line, term by term
        assert model([x1, x2]).data == pytest.approx(expanded, rel=1e-14)
        assert model([x1, x2]).data == pytest.approx(a1 * x1 + a2 * x2 + c, rel=1e-14)
    assert len(set(architecture.slopes(model, architecture.POINTS))) == 1          # the same slope everywhere
    curved = architecture.linear_network(activation="tanh")
    assert len(set(architecture.slopes(curved, architecture.POINTS))) == len(architecture.POINTS)


def test_without_a_nonlinearity_xor_stays_at_the_least_squares_floor():
    X, y = nn.datasets.make_xor()
    deep_linear = nn.MLP(2, [4, 4, 1], activation="identity", seed=0)
    h = nn.fit(deep_linear, X, y, "mse", Adam(deep_linear.parameters(), lr=0.05), epochs=200, progress=False)
    assert min(h.loss) >= 0.25 - 1e-9 and h.loss[-1] < 0.2501  # best any linear map can do: predict 0.5
    relu = nn.MLP(2, [4, 1], activation="tanh", seed=1)  # any nonlinearity (ReLU too, from a good start)
    h = nn.fit(relu, X, y, "mse", Adam(relu.parameters(), lr=0.05), epochs=200, progress=False)
    assert h.loss[-1] < 0.01


# ---- deck 002 (Unicamp): the delta rule with accumulators, J(Θ) divided by m ---------------------


def test_accumulators_divided_by_m_are_the_gradient_of_the_decks_j():
    model = delta_rule.network()
    D = delta_rule.accumulate(model)
    batchmean = delta_rule.autograd_gradients(model, "batchmean")
    mean = delta_rule.autograd_gradients(model, "mean")
    flat = [v for layer in D for row in layer for v in row]
    assert flat == pytest.approx([v for layer in batchmean for row in layer for v in row], rel=1e-12, abs=1e-15)
    assert [v / 2 for v in flat] == pytest.approx([v for layer in mean for row in layer for v in row], rel=1e-12)
    assert set(delta_rule.table().column("ok")) == {"✓"}


def test_batchmean_divides_by_samples_and_mean_by_every_element():
    preds = [[Value(0.2), Value(0.7)], [Value(0.9), Value(0.4)], [Value(0.5), Value(0.1)]]
    targets = [[0, 1], [1, 0], [1, 1]]
    by_hand = -sum(t * math.log(p.data) + (1 - t) * math.log(1 - p.data)
                   for row, trow in zip(preds, targets) for p, t in zip(row, trow))
    assert nn.binary_cross_entropy(preds, targets, reduction="batchmean").data == pytest.approx(by_hand / 3)  # 1/m
    assert nn.binary_cross_entropy(preds, targets).data == pytest.approx(by_hand / 6)                        # 1/(mK)
    assert nn.mse_loss(preds, [[0, 0]] * 3, reduction="batchmean").data == pytest.approx(
        2 * nn.mse_loss(preds, [[0, 0]] * 3).data)
    scores = [[1.0, 2.0], [0.5, -1.0]]
    assert nn.cross_entropy(scores, [0, 1], reduction="batchmean").data == nn.cross_entropy(scores, [0, 1]).data


# ---- deck 001 (Seattle U): the house-price network over chosen inputs -----------------------------


def test_house_price_network_is_not_fully_connected_and_its_gradients_are_the_decks():
    run = house_price.forward_backward()
    assert len(run.model.parameters()) == 12  # 3 + 2 + 3 in the hidden layer, 4 at the output
    assert run.inputs[0].grad != 0 and run.model[0].neurons[1].w[0].label == "w3"
    assert all(h.data > 0 for h in run.hidden)  # the derivation's "if z > 0"
    formulas = house_price.deck_formulas(run)
    out, first = run.model[1].neurons[0], run.model[0].neurons[0]
    assert formulas["w11'"] == pytest.approx(out.w[0].grad, rel=1e-14)   # 2 a1 (a - y)
    assert formulas["w12'"] == pytest.approx(out.w[1].grad, rel=1e-14)
    assert formulas["w13'"] == pytest.approx(out.w[2].grad, rel=1e-14)
    assert formulas["w11"] == pytest.approx(first.w[0].grad, rel=1e-14)   # 2 w11' x1 (a - y)


def test_the_slides_plus_sign_climbs_the_cost():
    before = house_price.forward_backward().loss.data
    assert house_price.one_step(+1) > before > house_price.one_step(-1)


# ---- deck errata ------------------------------------------------------------------------------------


def test_errata_elu_leaky_relu_and_convolution_size():
    assert Value(-1.0).elu(1.0).data == pytest.approx(math.exp(-1) - 1)        # α(e^x − 1) = -0.632
    assert errata.elu_as_printed(-1.0) == pytest.approx(math.e - 1)            # the slide's α(e^{-x} − 1)
    assert Value(-2.0).leaky_relu(0.01).data == pytest.approx(-0.02)            # not "0 otherwise"
    for n, k in ((5, 2), (5, 3), (7, 4)):
        out = errata.conv2d([[1.0] * n for _ in range(n)], [[1.0] * k for _ in range(k)])
        assert (len(out), len(out[0])) == (n - k + 1, n - k + 1)
    assert set(errata.table().column("ok")) == {"✓"}


def test_errata_momentum_friction_output_gradient_softmax_denominator_and_jacobian():
    # UT: "larger values mean greater friction" is backwards: a larger mu keeps more velocity
    assert errata.coasting_velocity(0.9) == pytest.approx(0.9 ** 10, rel=1e-4)
    assert errata.coasting_velocity(0.1) < errata.coasting_velocity(0.5) < errata.coasting_velocity(0.9)
    # UT's output-layer slide drops the 2 and o_j: the engine's gradient is 2 o_j times the printed one
    printed, ours = errata.output_weight_gradient(o_j=0.8, w_jk=0.3, t_k=1.0)
    assert ours == pytest.approx(2 * 0.8 * printed, rel=1e-12) and ours != pytest.approx(printed)
    # UT's softmax denominator as printed is not the softmax
    assert errata.softmax_as_printed(errata.SOFTMAX_SCORES, "Cat") == pytest.approx(0.0160, abs=5e-5)
    # UVA's y_i(1 - y_i) is the Jacobian's diagonal; off it, -y_i y_j (checked by central differences)
    z = errata.SOFTMAX_SCORES

    def y(name, shifted, h):
        scores = {k: v + (h if k == shifted else 0.0) for k, v in z.items()}
        return math.exp(scores[name]) / sum(math.exp(v) for v in scores.values())

    for i, j in (("Cat", "Cat"), ("Cat", "Airplane"), ("Dog", "Boat")):
        numeric = (y(i, j, 1e-6) - y(i, j, -1e-6)) / 2e-6
        assert errata.softmax_jacobian(z, i, j) == pytest.approx(numeric, rel=1e-6, abs=1e-10)
    assert set(errata.table().column("ok")) == {"✓"}


def test_the_convolution_gradient_is_right():
    image = [[0.1 * (r * 4 + c) - 0.5 for c in range(4)] for r in range(4)]

    def loss(*kernel):
        out = errata.conv2d(image, [list(kernel[:2]), list(kernel[2:])])
        return Value.sum([v * v for row in out for v in row])

    assert gradcheck(loss, [0.3, -0.2, 0.5, 0.1]).passed


# ---- deck 004 (Lecture 11): regularisation and ensembles ------------------------------------------


def test_l1_drives_useless_weights_to_exactly_zero_and_l2_only_makes_them_small():
    l2 = experiments.fit_linear(l2=0.1)
    l1 = experiments.fit_linear(l1=0.5)
    elastic = experiments.fit_linear(l1=0.5, l2=0.05)
    subgradient = experiments.fit_linear(l1=0.5, proximal=False)
    assert sum(w == 0.0 for w in l2) == 0 and max(abs(w) for w in l2[3:]) < 0.3
    assert l1[3:] == [0.0] * 5 and all(w != 0 for w in l1[:3])
    assert elastic[3:] == [0.0] * 5 and sum(map(abs, elastic[:3])) < sum(map(abs, l1[:3]))
    assert sum(w == 0.0 for w in subgradient) == 0 and max(abs(w) for w in subgradient[3:]) < 0.05


def test_soft_threshold_is_the_l1_proximal_step():
    ps = [Value(0.3), Value(-0.05), Value(-2.0), Value(0.1)]
    experiments.soft_threshold_(ps, 0.1)
    assert [p.data for p in ps] == pytest.approx([0.2, 0.0, -1.9, 0.0])


@pytest.mark.slow
def test_bagging_error_is_members_error_minus_their_spread():
    run = experiments.bagging(k=6, epochs=120)
    assert run["bagged_error"] == pytest.approx(statistics.fmean(run["member_errors"]) - run["spread"], rel=1e-9)
    assert run["bagged_error"] < statistics.fmean(run["member_errors"]) and run["spread"] > 0


def test_monte_carlo_dropout_averages_to_the_eval_prediction_and_has_a_band():
    model = experiments.dropout_network()
    xs = [-1.0, 0.5, 2.0]  # not 0: with zero biases every hidden unit outputs tanh(0) = 0 there
    eval_pred = [model.eval()([x]).data for x in xs]
    mean, std = experiments.mc_dropout(model, xs, passes=3000)
    assert not model.training  # put back in eval mode
    assert all(s > 0 for s in std)
    # inverted dropout keeps the expectation: a linear layer after it averages to the eval output
    assert mean == pytest.approx(eval_pred, abs=4 * max(std) / math.sqrt(3000))
    assert [model([x]).data for x in xs] == eval_pred  # eval mode: no randomness


def test_momentum_rolls_past_a_local_minimum_that_gradient_descent_stops_in():
    gd = experiments.descend(experiments.two_minima, (2.0, 0.5), lambda ps: SGD(ps, lr=0.01), 300)
    momentum = experiments.descend(experiments.two_minima, (2.0, 0.5),
                                  lambda ps: SGD(ps, lr=0.01, momentum=0.9), 300)
    assert gd[-1][0] == pytest.approx(1.1309, abs=1e-3)         # f'(x) = 4x^3 - 6x + 1 = 0, the local one
    assert momentum[-1][0] == pytest.approx(-1.3008, abs=1e-3)  # the global one
    for x in (1.1309, -1.3008):
        assert abs(4 * x**3 - 6 * x + 1) < 1e-3


def test_a_saddle_point_holds_gradient_descent_longest():
    def escape(opt):
        path = experiments.descend(experiments.saddle, (1.0, 1e-4), opt, 200)
        return next(i for i, (_, y) in enumerate(path) if abs(y) > 0.5)

    gd, momentum, adam = (escape(lambda ps: SGD(ps, lr=0.05)), escape(lambda ps: SGD(ps, lr=0.05, momentum=0.9)),
                          escape(lambda ps: Adam(ps, lr=0.05)))
    assert gd > momentum > adam
    # near the saddle, gradient descent multiplies y by (1 + 2 lr) per step: ln(0.5/1e-4)/ln(1.1) ~ 89 steps
    assert abs(gd - math.log(0.5 / 1e-4) / math.log(1.1)) < 3


def test_regularisation_example_prints(capsys):
    experiments.main()
    assert "exactly zero: 5" in capsys.readouterr().out



@pytest.mark.slow
def test_batch_norm_keeps_a_high_learning_rate_stable_but_does_not_need_it():
    losses = experiments.batch_norm_learning_rates(rates=(0.3, 3.0))
    plain, normed = losses[False], losses[True]
    assert plain[1] > 1.0 > 0.5 > normed[1]   # at lr 3 the plain network's loss blows up; with batch norm it trains
    assert normed[0] < normed[1]              # ...but its best loss is still at the smaller rate
