"""The GAS T-score, worked by hand (GLOSSARY.md: Goal Attainment Scaling).

T = 50 + 10·Σwᵢxᵢ / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), ρ = 0.3.
"""

import math
from datetime import date

import pytest

from pendamping.motivator.gas import level_at, score_over_time, t_score


class TestTScore:
    def test_it_gives_exactly_50_when_every_goal_is_at_the_expected_level(self):
        """Σwx = 0, so T = 50 + 0 whatever the weights."""
        assert t_score([0]) == 50.0
        assert t_score([0, 0, 0], [1, 2, 5]) == 50.0

    def test_it_balances_one_goal_above_and_one_below(self):
        """Two goals, weight 1, at +1 and −1: Σwx = 1 − 1 = 0, so T = 50."""
        assert t_score([1, -1]) == 50.0
        assert t_score([1, -1], [1, 1]) == 50.0

    def test_it_scores_one_goal_at_plus_two_as_70(self):
        """One goal, weight 1, at +2: Σwx = 2; Σw² = 1, (Σw)² = 1;
        denominator √(0.7·1 + 0.3·1) = √1 = 1; T = 50 + 10·2/1 = 70."""
        assert t_score([2], [1]) == pytest.approx(70.0)

    def test_the_weight_of_a_single_goal_cancels_out(self):
        """One goal, weight 4, at +2: Σwx = 8; Σw² = 16, (Σw)² = 16;
        denominator √(0.7·16 + 0.3·16) = √16 = 4; T = 50 + 10·8/4 = 70."""
        assert t_score([2], [4]) == pytest.approx(70.0)

    def test_it_weights_three_goals(self):
        """Levels +1, +1, 0 with weights 1, 2, 3:
        Σwx = 1·1 + 2·1 + 3·0 = 3;
        Σw² = 1 + 4 + 9 = 14; Σw = 6, (Σw)² = 36;
        denominator √(0.7·14 + 0.3·36) = √(9.8 + 10.8) = √20.6 ≈ 4.53872;
        T = 50 + 10·3/4.53872 = 50 + 30/4.53872 ≈ 50 + 6.60979 = 56.60979."""
        assert t_score([1, 1, 0], [1, 2, 3]) == pytest.approx(50 + 30 / math.sqrt(20.6))
        assert t_score([1, 1, 0], [1, 2, 3]) == pytest.approx(56.6098, abs=1e-4)

    def test_it_scores_two_goals_below_expectation(self):
        """Two goals, weight 1, at −1: Σwx = −2; Σw² = 2, (Σw)² = 4;
        denominator √(0.7·2 + 0.3·4) = √(1.4 + 1.2) = √2.6 ≈ 1.61245;
        T = 50 − 20/1.61245 ≈ 50 − 12.40347 = 37.59653."""
        assert t_score([-1, -1]) == pytest.approx(37.5965, abs=1e-4)

    def test_rho_zero_treats_goals_as_independent(self):
        """ρ = 0, two goals weight 1 at +1: Σwx = 2; denominator √(1·2 + 0) = √2;
        T = 50 + 20/√2 ≈ 64.14214."""
        assert t_score([1, 1], rho=0) == pytest.approx(50 + 20 / math.sqrt(2))

    def test_weights_default_to_one(self):
        assert t_score([1, 2, -1]) == t_score([1, 2, -1], [1.0, 1.0, 1.0])

    @pytest.mark.parametrize(
        ("levels", "weights", "rho", "message"),
        [
            ([], None, 0.3, "at least one goal"),
            ([3], None, 0.3, "from -2 to 2"),
            ([-3], None, 0.3, "from -2 to 2"),
            ([0.5], None, 0.3, "from -2 to 2"),
            ([True], None, 0.3, "from -2 to 2"),
            ([1, 0], [1], 0.3, "one weight per goal"),
            ([1], [1, 2], 0.3, "one weight per goal"),
            ([1], [0], 0.3, "positive"),
            ([1], [-1], 0.3, "positive"),
            ([1], [float("nan")], 0.3, "positive"),
            ([1], [float("inf")], 0.3, "positive"),
            ([1], ["2"], 0.3, "positive"),
            ([1], None, 1.5, "rho"),
            ([1], None, -0.1, "rho"),
        ],
    )
    def test_it_refuses_bad_input_with_a_clear_message(self, levels, weights, rho, message):
        with pytest.raises(ValueError, match=message):
            t_score(levels, weights, rho)


class TestOverTime:
    def test_the_level_on_a_day_is_the_latest_review_on_or_before_it(self):
        reviews = [(date(2026, 1, 10), 0), (date(2026, 2, 10), 1), (date(2026, 2, 10), 2)]
        assert level_at(-1, reviews, date(2026, 1, 9)) == -1  # before any review: baseline
        assert level_at(-1, reviews, date(2026, 1, 31)) == 0
        assert level_at(-1, reviews, date(2026, 2, 10)) == 2  # the last of a day wins
        assert level_at(-1, reviews, None) == 2

    def test_it_scores_the_baseline_and_each_review_day(self):
        """Goal A (weight 1, baseline −1) reviewed 0 on 10 Jan and +1 on 10 Feb; goal B
        (weight 1, baseline −1) reviewed 0 on 10 Feb.
        Baseline: −1, −1 → 50 − 20/√2.6 ≈ 37.5965.
        10 Jan:    0, −1 → 50 − 10/√2.6 ≈ 43.7983.
        10 Feb:   +1,  0 → 50 + 10/√2.6 ≈ 56.2017."""
        goals = [
            (-1, 1.0, [(date(2026, 1, 10), 0), (date(2026, 2, 10), 1)]),
            (-1, 1.0, [(date(2026, 2, 10), 0)]),
        ]
        points = score_over_time(goals)
        assert [d for d, _t in points] == [None, date(2026, 1, 10), date(2026, 2, 10)]
        assert [round(t, 4) for _d, t in points] == [37.5965, 43.7983, 56.2017]

    def test_no_goals_means_no_points(self):
        assert score_over_time([]) == []


class TestHistoryKeepsThePast:
    def test_a_goal_added_later_does_not_rewrite_earlier_points(self):
        """Goal A (w 1) set 1 Jan, reviewed +2 on 10 Jan: T = 50 + 10·2/√1 = 70.
        Goal B (w 1, baseline −2) set 1 Feb: from then on
        T = 50 + 10·(2 − 2)/√(0.7·2 + 0.3·4) = 50; the 10 Jan point stays 70."""
        a = (0, 1.0, [(date(2026, 1, 10), 2)], date(2026, 1, 1))
        b = (-2, 1.0, [], date(2026, 2, 1))
        points = score_over_time([a, b])
        assert points == [
            (None, 50.0),
            (date(2026, 1, 10), 70.0),
            (date(2026, 2, 1), 50.0),
        ]
