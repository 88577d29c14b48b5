import pytest
from hypothesis import given
from hypothesis import strategies as st

from pendamping.facilitator.gain import average_normalized_gain, band, normalized_gain


class TestNormalizedGain:
    def test_it_takes_the_share_of_what_was_left_to_learn(self):
        # 40 of 100 before, 70 after: 30 gained of 60 left.
        assert normalized_gain(40, 70, 100) == pytest.approx(0.5)

    def test_it_is_one_when_the_maximum_is_reached(self):
        assert normalized_gain(4, 10, 10) == pytest.approx(1.0)

    def test_it_is_negative_when_the_score_fell(self):
        # 6 of 10 before, 4 after: −2 of 4 left.
        assert normalized_gain(6, 4, 10) == pytest.approx(-0.5)

    def test_it_is_none_when_nothing_was_left_to_gain(self):
        assert normalized_gain(10, 10, 10) is None

    def test_it_is_zero_without_change(self):
        assert normalized_gain(3, 3, 20) == 0


class TestAverageNormalizedGain:
    def test_it_is_the_gain_of_the_averages(self):
        # mean pre (20 + 40) / 2 = 30, mean post (60 + 80) / 2 = 70: 40 / 70.
        assert average_normalized_gain([20, 40], [60, 80], 100) == pytest.approx(40 / 70)

    def test_it_is_not_the_mean_of_the_gains(self):
        # per person: 0 / 10 = 0 and 50 / 100 = 0.5 (mean 0.25); of the averages 25 / 55.
        assert average_normalized_gain([90, 0], [90, 50], 100) == pytest.approx(25 / 55)

    def test_it_is_none_without_scores_or_room(self):
        assert average_normalized_gain([], [], 10) is None
        assert average_normalized_gain([10, 10], [10, 10], 10) is None


class TestBand:
    @pytest.mark.parametrize(
        ("g", "want"),
        [(-0.2, "low"), (0.0, "low"), (0.2999, "low"), (0.3, "medium"), (0.6999, "medium"),
         (0.7, "high"), (1.0, "high"), (None, None)],
    )  # fmt: skip
    def test_it_bands_at_point_three_and_point_seven(self, g, want):
        assert band(g) == want


scores = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(pre=scores, post=scores)
def test_it_is_at_most_one_and_one_exactly_at_the_maximum(pre, post):
    g = normalized_gain(pre, post, 100)
    if pre == 100:
        assert g is None
    else:
        assert g <= 1 + 1e-9
        assert (g > 0) == (post > pre)
