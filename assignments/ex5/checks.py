"""Checks for Exercise 5: mse(pred, target), mae(pred, target), MORE_OUTLIER_SENSITIVE."""

import torch

from grader.checks import (CheckFailure, check, expect_grads, expect_raises, expect_tensor, expect_tensor_like,
                           expect_unchanged)

BOOK = (torch.tensor([2.0, 8.0, 5.0, 10.0]), torch.tensor([3.0, 7.0, 5.0, 3.0]))
SHAPES = [(5,), (4, 3), (2, 3, 4), (1,)]
# The contract's four, and the losses that equal one of them for some setting
# (smooth_l1_loss with beta=0 is the L1 loss).
BUILT_IN_LOSSES = {"MSELoss", "L1Loss", "mse_loss", "l1_loss", "SmoothL1Loss", "smooth_l1_loss", "HuberLoss",
                   "huber_loss"}


def pair(seed, shape, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    return (torch.randn(*shape, generator=gen, dtype=dtype) * 3,
            torch.randn(*shape, generator=gen, dtype=dtype) * 3)


def call_text(name, pred, target):
    return f"{name}(pred{tuple(pred.shape)}, target{tuple(target.shape)}) in {str(pred.dtype)[6:]}"


@check("mse gives 12.75 on the book's example", kind="value", points=2)
def check_mse_book_example(student, reference):
    expect_tensor(student.mse(*BOOK), reference.mse(*BOOK), call="mse on the book's example")


@check("mae gives 2.25 on the book's example", kind="value", points=2)
def check_mae_book_example(student, reference):
    expect_tensor(student.mae(*BOOK), reference.mae(*BOOK), call="mae on the book's example")


@check("mse returns a 0-dim tensor for inputs of any shape", kind="shape", points=1)
def check_mse_scalar(student, reference):
    for seed, shape in enumerate(SHAPES):
        pred, target = pair(seed, shape)
        expect_tensor_like(student.mse(pred, target), reference.mse(pred, target), call=call_text("mse", pred, target))


@check("mae returns a 0-dim tensor for inputs of any shape", kind="shape", points=1)
def check_mae_scalar(student, reference):
    for seed, shape in enumerate(SHAPES):
        pred, target = pair(seed, shape)
        expect_tensor_like(student.mae(pred, target), reference.mae(pred, target), call=call_text("mae", pred, target))


@check("mse matches the reference on random inputs (float32 and float64)", kind="value", points=2,
       depends="check_mse_scalar")
def check_mse_values(student, reference):
    for dtype in (torch.float32, torch.float64):
        for seed, shape in enumerate(SHAPES):
            pred, target = pair(10 + seed, shape, dtype)
            expect_tensor(student.mse(pred, target), reference.mse(pred, target), call=call_text("mse", pred, target))


@check("mae matches the reference on random inputs (float32 and float64)", kind="value", points=2,
       depends="check_mae_scalar")
def check_mae_values(student, reference):
    for dtype in (torch.float32, torch.float64):
        for seed, shape in enumerate(SHAPES):
            pred, target = pair(20 + seed, shape, dtype)
            expect_tensor(student.mae(pred, target), reference.mae(pred, target), call=call_text("mae", pred, target))


@check("gradients of mse flow back to pred and target", kind="gradient", points=2, depends="check_mse_values")
def check_mse_gradients(student, reference):
    for seed, shape in enumerate(SHAPES[:3]):
        pred, target = pair(30 + seed, shape, torch.float64)
        expect_grads(student.mse, reference.mse, [pred, target], ["pred", "target"],
                     call=call_text("mse", pred, target))


@check("gradients of mae flow back to pred and target", kind="gradient", points=2, depends="check_mae_values")
def check_mae_gradients(student, reference):
    for seed, shape in enumerate(SHAPES[:3]):
        pred, target = pair(40 + seed, shape, torch.float64)
        expect_grads(student.mae, reference.mae, [pred, target], ["pred", "target"],
                     call=call_text("mae", pred, target))


@check("mse and mae raise ValueError when pred and target shapes differ", kind="api", points=2)
def check_shape_mismatch_raises(student):
    cases = [(torch.zeros(4, 1), torch.zeros(4)), (torch.zeros(3), torch.zeros(4)), (torch.zeros(2, 3), torch.zeros(3))]
    for name in ("mse", "mae"):
        for pred, target in cases:
            try:
                expect_raises("ValueError", getattr(student, name), pred, target,
                              call=f"{name}(pred{tuple(pred.shape)}, target{tuple(target.shape)})")
            except CheckFailure as failure:
                raise CheckFailure(failure.message, help="Compare pred.shape with target.shape first: an (N, 1) "
                                   "tensor minus an (N,) tensor silently broadcasts to (N, N), and the loss is "
                                   "then computed over N*N wrong pairs.") from None


@check("mse and mae do not modify their inputs", kind="api", points=1, depends=("check_mse_values", "check_mae_values"))
def check_inputs_unchanged(student):
    for name in ("mse", "mae"):
        pred, target = pair(50, (6,))
        _, after = getattr(student, name).with_inputs(pred, target)
        expect_unchanged([pred, target], after, ["pred", "target"], call=call_text(name, pred, target))


@check('MORE_OUTLIER_SENSITIVE names the loss that punishes outliers more', kind="value", points=1)
def check_outlier_answer(student, reference):
    answer = student.MORE_OUTLIER_SENSITIVE
    expected = reference.MORE_OUTLIER_SENSITIVE
    if answer == expected:
        return
    if answer is None:
        raise CheckFailure('MORE_OUTLIER_SENSITIVE still holds its placeholder (None): set it to "mse" or "mae"')
    if isinstance(answer, str) and answer.strip().lower() == expected:
        how = "lowercase, no spaces" if answer.strip() != answer else "lowercase"
        raise CheckFailure(f'MORE_OUTLIER_SENSITIVE is {answer!r}: write it exactly as "{expected}" ({how})')
    raise CheckFailure(f'MORE_OUTLIER_SENSITIVE is {answer!r}, expected "mse" or "mae" (the right one)',
                       help="Compare the two losses on the book's example: one error of 7 adds 49 to one sum "
                            "and 7 to the other. Which loss does the outlier dominate?")


@check("uses no built-in loss (nn.MSELoss, nn.L1Loss, F.mse_loss, F.l1_loss)", kind="api", points=2,
       depends=("check_mse_values", "check_mae_values"))
def check_no_built_in_loss(source):
    findings = source.uses_of_names(BUILT_IN_LOSSES)
    if findings:
        where = "; ".join(str(f) for f in findings[:4])
        raise CheckFailure(f"uses a built-in loss, which this exercise forbids: {where}",
                           help="Write the formula yourself with tensor operations, e.g. ((pred - target) ** 2).mean().")


@check("mse and mae match the reference on large float64 inputs", kind="value", points=2, hidden=True,
       depends=("check_mse_values", "check_mae_values"))
def check_large_inputs(student, reference):
    for name in ("mse", "mae"):
        pred, target = pair(60, (64, 33), torch.float64)
        expect_tensor(getattr(student, name)(pred, target), getattr(reference, name)(pred, target),
                      call=call_text(name, pred, target))
