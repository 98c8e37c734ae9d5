"""Values in feedback are shown as their dtype holds them (issue #25): a bool mask's element
as True/False, integers without decimals, floats to the digits their dtype has."""

import pytest
import torch

from grader.checks import CheckFailure, describe_type, expect_values, fmt_number


@pytest.mark.parametrize("value, dtype, shown", [
    (True, torch.bool, "True"), (0, torch.bool, "False"), (True, None, "True"),
    (3, torch.int64, "3"), (-12, None, "-12"), (7.0, torch.int32, "7"),
    (3.3019123, torch.float32, "3.301912"), (1 / 3, torch.float64, "0.3333333333"),
    (1 / 3, torch.float16, "0.3333"), (1 / 3, None, "0.3333333"),
    (float("nan"), torch.float32, "nan"), (float("-inf"), None, "-inf"),
])
def test_a_value_is_shown_as_its_dtype(value, dtype, shown):
    assert fmt_number(value, dtype) == shown


def test_a_wrong_element_of_a_bool_mask_is_true_or_false():
    wrong = torch.tensor([[True, False], [True, True]])
    right = torch.tensor([[True, False], [False, True]])
    with pytest.raises(CheckFailure) as failure:
        expect_values(wrong, right, call="causal_mask(2)")
    assert "element [1, 0] is True, expected False" in str(failure.value)


def test_a_wrong_integer_has_no_decimals_and_a_float32_seven_digits():
    with pytest.raises(CheckFailure) as failure:
        expect_values(torch.tensor([1, 5]), torch.tensor([1, 4]), call="f()")
    assert "element [1] is 5, expected 4" in str(failure.value)
    with pytest.raises(CheckFailure) as failure:
        expect_values(torch.tensor([3.3019123]), torch.tensor([3.4066712]), call="f()")
    assert "is 3.301912, expected 3.406671" in str(failure.value)
    assert describe_type(2.5) == "a float (2.5)" and describe_type(3) == "a int (3)"
