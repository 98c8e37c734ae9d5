"""Exercise 9 graded on real submissions."""

import importlib.util
import json
import shutil

import pytest
import torch
from click.testing import CliRunner

from conftest import REPO, SUBMISSIONS, failed, variants
from grader.cli import main


@pytest.mark.parametrize("variant", variants("ex9", "correct") + variants("ex9", "book"))
def test_valid_solutions_get_full_marks(grade, variant):
    result = grade("ex9", variant)
    assert failed(result) == {}
    assert result.score == result.max_score > 0


def test_the_stub_scores_zero_without_a_grader_error(course, zygote):
    from grader.grading.runner import grade_exercise

    result = grade_exercise(course, course.exercise("ex9"), REPO / "student_template", zygote)
    assert result.score == 0 and not result.error and not result.internal_errors
    messages = " ".join(c.message for c in result.checks)
    for name in ("`HousePriceNet` is not implemented yet", "`count_parameters` is not implemented yet",
                 "`train` is not implemented yet", "X_TRAIN still holds its placeholder"):
        assert name in messages


NEVER_STEPS = ["optimizer.step() before loss.backward()",
               "optimizer.zero_grad() between loss.backward() and optimizer.step()", "found no gradient at all"]


@pytest.mark.parametrize("variant, check, fragments", [
    ("wrong_step_before_backward", "check_train_book_losses", ["losses[1] is", "(losses[0] matches)", *NEVER_STEPS]),
    ("wrong_zero_grad_after_backward", "check_train_book_losses", NEVER_STEPS),
    ("wrong_no_zero_grad", "check_train_book_losses",
     ["(losses[0] to losses[1] match)", "optimizer.zero_grad() missing (gradients accumulate)",
      "29 of the 30 backward passes started with gradients already in the model"]),
    ("wrong_optimizer_in_loop", "check_train_book_losses",
     ["optimizer re-created every epoch", "30 optimizers were created for 30 epochs"]),
    ("wrong_optimizer_in_loop", "check_train_one_adam", ["6 optimizers were created for 6 epochs"]),
    ("wrong_sgd", "check_train_book_losses", ["SGD instead of Adam", "the optimizer is SGD, not torch.optim.Adam"]),
    ("wrong_fixed_lr", "check_train_one_adam",
     ["the learning rate hard-coded (lr=0.01)", "the optimizer's learning rate is 0.01, but train was called with "
      "lr=0.05"]),
    ("wrong_fixed_lr", "check_train_other_cases", ["lr=0.1): losses[1] is", "the learning rate hard-coded"]),
    ("wrong_sum_loss", "check_train_book_losses",
     ["losses[0] is 879284.5, expected 109910.6", "the sum of the squared errors instead of their mean"]),
    ("wrong_recorded_after_step", "check_train_book_losses",
     ["losses[0] is 109412.8, expected 109910.6", "the loss recorded after the step"]),
    ("wrong_tensor_losses", "check_train_returns_floats",
     ["the losses hold torch.Tensor values, expected Python floats", "losses recorded as tensors"]),
    ("wrong_trains_copy", "check_train_in_place",
     ["the losses are right, but afterwards the model still holds its initial weights",
      "a copy of the model trained instead of the model itself", "does not hold the parameters of the model"]),
    ("wrong_count_tensors", "check_count_section",
     ["returned 4, expected 97", "the parameter tensors counted instead of their values"]),
    ("wrong_count_frozen", "check_count_frozen",
     ["Linear(4, 16) frozen, ReLU(), Linear(16, 1))) returned 97, expected 17", "frozen parameters"]),
    ("wrong_no_activation", "check_net_forward_values", ["forward without the activation"]),
    ("wrong_relu_last", "check_net_forward_values", ["the activation applied after layer2"]),
    ("wrong_relu_bypass", "check_net_call_order",
     ["forward never called self.activation", "forward calls torch.relu instead of self.activation"]),
    ("wrong_y_flat", "check_data_shapes", ["Y_TRAIN has shape (8,), expected (8, 1)", "[[200.0], [320.0], ...]"]),
    ("wrong_x_float64", "check_data_shapes", ["X_TRAIN has dtype float64, expected float32"]),
    ("wrong_data_typo", "check_data_values", ["X_TRAIN[1, 2] is 25, expected 2.5 (house 2)"]),
    # Mistakes no catalog entry reproduces: the feedback says which ones it could be, and what
    # the grader saw, instead of guessing.
    ("wrong_other_betas", "check_train_book_losses",
     ["The first losses match, so the loss is right and the updates differ", "other betas than the default",
      "the optimizer's betas are (0.9, 0.99)"]),
    ("wrong_squeezed_predictions", "check_train_book_losses",
     ["losses[0] is", "The first loss is measured before any update, so the loss itself differs",
      "which broadcasts"]),
    # Only hidden checks see this one.
    ("wrong_unfreezes", "check_train_frozen", ["with layer 1 frozen", "require grad again after train"]),
])
def test_mistakes_lose_points_with_named_feedback(grade, variant, check, fragments):
    result = grade("ex9", variant)
    problems = failed(result)
    assert check in problems
    for fragment in fragments:
        assert fragment in problems[check]
    assert result.score < result.max_score
    if variant in ("wrong_other_betas", "wrong_squeezed_predictions"):
        assert "This looks like" not in problems[check]


# Outsider corpus mistakes that only show on lr=0 or on models with dropout / batch normalisation.
@pytest.mark.parametrize("name, check, fragments", [
    ("r2_lr_zero_default", "check_train_lr_zero",
     ["lr=0): losses[1] is", "the optimizer's learning rate is 0.01, but train was called with lr=0"]),
    ("r2_eval_mode_training", "check_train_mode_layers",
     ["Dropout(0.5)", "switch the model to eval or train mode", "ran with the model in eval mode",
      "left in eval mode"]),
    ("r2_loss_from_eval_pass", "check_train_mode_layers",
     ["Dropout(0.5)", "separate forward pass", "16 forward passes ran for 8 epochs"]),
    ("r2_manual_seed_inside", "check_train_mode_layers",
     ["Dropout(0.5)", "reseed the random generator", "train reseeded the random generator"]),
])
def test_corpus_mistakes_of_the_mode_and_lr_zero_lose_points(grade, name, check, fragments):
    source = (REPO / "tests" / "corpus" / "ex9" / "wrong" / f"{name}.py").read_text()
    result = grade("ex9", source=source)
    problems = failed(result)
    # Seeding inside train also breaks ex9's rule (its results depend on the generator).
    assert set(problems) == ({check, "rules_train"} if "seed" in name else {check})
    for fragment in fragments:
        assert fragment in problems[check]
    assert result.score < result.max_score


def test_a_hidden_mistake_passes_every_public_check(grade):
    result = grade("ex9", "wrong_unfreezes")
    # (the engine's rule check of train may see the frozen parameters' requires_grad change too)
    assert {c.id for c in result.checks if c.status != "passed" and not c.id.startswith("rules_")} <= \
        {c.id for c in result.checks if c.hidden}
    assert "check_train_generated" in failed(result)


def load_checks():
    spec = importlib.util.spec_from_file_location("ex9_checks_under_test", REPO / "assignments" / "ex9" / "checks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_release_fallback_trains_exactly_like_the_reference():
    """A student release has no reference: its public checks compare with section 8's loop and
    network, written in checks.py. They must give the reference's numbers, to the bit."""
    checks = load_checks()
    spec = importlib.util.spec_from_file_location("ex9_reference_under_test", REPO / "reference" / "ex9.py")
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    recorded = object()  # what a release passes as `reference`: not a module, so the fallback is used
    assert checks.trusted(recorded) is checks.SECTION_8 and checks.trusted(reference) is reference
    cases = [checks.BOOK_CASE,
             checks.training_case([4, 16, 1], 30, checks.BOOK_X, checks.BOOK_Y, 50, 0.01, architecture="house"),
             checks.training_case([3, 5, 4, 1], 22, *checks.other_data(23, 10, 3, 50.0, 100.0), 20, 0.003),
             checks.training_case([4, 6, 1], 40, checks.BOOK_X, checks.BOOK_Y, 20, 0.02, frozen=[0]),
             checks.training_case([3, 4, 1], 26, *checks.other_data(27, 5, 3, 10.0), 6, 0.0),
             *checks.RANDOM_CASES]
    for case in cases:
        ours, theirs = checks.expected_run(recorded, case), checks.expected_run(reference, case)
        assert ours["items"] == theirs["items"]
        assert all(torch.equal(a, b) for a, b in zip(ours["weights"], theirs["weights"]))
    for layers in ([["linear", 4, 16, True, True], ["relu"], ["linear", 16, 1, True, False]],
                   [["linear", 3, 6, True, False], ["batchnorm", 6, True]]):
        model_count = checks.expected_count(layers)
        assert model_count == checks.count_of(checks.as_module(count_parameters=reference.count_parameters), layers)


def test_the_section_example_counts_97_and_trains_down(grade):
    """Section 8's numbers: 97 parameters, and the loss falls over the book's 2000 epochs."""
    checks = load_checks()
    spec = importlib.util.spec_from_file_location("ex9_reference_97", REPO / "reference" / "ex9.py")
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    torch.manual_seed(0)
    model = reference.HousePriceNet(4, 16, 1)
    assert reference.count_parameters(model) == 97
    losses = reference.train(model, reference.X_TRAIN, reference.Y_TRAIN, 2000, 0.01)
    assert len(losses) == 2000 and losses[-1] < 0.01 * losses[0]
    assert torch.equal(reference.X_TRAIN, checks.BOOK_X) and torch.equal(reference.Y_TRAIN, checks.BOOK_Y)


def run_cli(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_json_full_marks_for_the_reference_and_named_mistake_for_sgd(tmp_path):
    result = run_cli("ex9", "--submission", str(REPO / "reference"), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["exercise"] == "ex9" and data["score"] == data["max_score"] > 0
    assert all(c["status"] == "passed" for c in data["checks"])

    shutil.copy(SUBMISSIONS / "ex9" / "wrong_sgd.py", tmp_path / "ex9.py")
    result = run_cli("ex9", "--submission", str(tmp_path), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["score"] < data["max_score"]
    messages = {c["name"]: c["message"] for c in data["checks"] if c["status"] == "failed"}
    assert any("SGD instead of Adam" in m for m in messages.values())
