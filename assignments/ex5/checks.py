"""Checks for Exercise 5: mse(pred, target), mae(pred, target), MORE_OUTLIER_SENSITIVE."""

import torch
from grader.checks import (CheckFailure, Remote, check, compare_tensors, expect_grads, expect_raises, expect_tensor,
                           expect_tensor_like, expect_unchanged, for_all, literal, worker_function)
from grader.strategies import DTYPES, composite, random_tensor, scales, seeds, shapes, st

BOOK = (torch.tensor([2.0, 8.0, 5.0, 10.0]), torch.tensor([3.0, 7.0, 5.0, 3.0]))
SHAPES = [(5,), (4, 3), (2, 3, 4), (1,)]
# The contract's four, and the losses that equal one of them for some setting
# (smooth_l1_loss with beta=0 is the L1 loss).
BUILT_IN_LOSSES = {"MSELoss", "L1Loss", "mse_loss", "l1_loss", "SmoothL1Loss", "smooth_l1_loss", "HuberLoss",
                   "huber_loss"}


def pair(seed, shape, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    return (torch.randn(shape, generator=gen, dtype=dtype) * 3,
            torch.randn(shape, generator=gen, dtype=dtype) * 3)


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
    for dtype in (torch.float64, torch.float32):  # a result detached for one dtype only shows here
        for seed, shape in enumerate(SHAPES[:3]):
            pred, target = pair(30 + seed, shape, dtype)
            expect_grads(student.mse, reference.mse, [pred, target], ["pred", "target"],
                         call=call_text("mse", pred, target))
        pred, target = pair(36, (), dtype)  # 0-dim inputs: no fast path cut off from autograd
        expect_grads(student.mse, reference.mse, [pred, target], ["pred", "target"],
                     call=call_text("mse", pred, target))
        pred, target = pair(35, (3, 4), dtype)  # an upstream gradient other than 1
        expect_grads(student.mse, reference.mse, [pred, target], ["pred", "target"],
                     call=call_text("mse", pred, target) + " with an upstream gradient of -2.5",
                     grad_output=torch.tensor(-2.5, dtype=dtype))


@check("gradients of mae flow back to pred and target", kind="gradient", points=2, depends="check_mae_values")
def check_mae_gradients(student, reference):
    for dtype in (torch.float64, torch.float32):
        for seed, shape in enumerate(SHAPES[:3]):
            pred, target = pair(40 + seed, shape, dtype)
            expect_grads(student.mae, reference.mae, [pred, target], ["pred", "target"],
                         call=call_text("mae", pred, target))
        pred, target = pair(46, (), dtype)  # 0-dim inputs: no fast path cut off from autograd
        expect_grads(student.mae, reference.mae, [pred, target], ["pred", "target"],
                     call=call_text("mae", pred, target))
        pred, target = pair(45, (3, 4), dtype)  # an upstream gradient other than 1
        expect_grads(student.mae, reference.mae, [pred, target], ["pred", "target"],
                     call=call_text("mae", pred, target) + " with an upstream gradient of -2.5",
                     grad_output=torch.tensor(-2.5, dtype=dtype))


# Scores only once the functions compute something right (the book's examples): raising
# ValueError for everything earns nothing, and a dtype slip is not charged twice.
@check("mse and mae raise ValueError when pred and target shapes differ", kind="api", points=2,
       depends=("check_mse_book_example", "check_mae_book_example"))
def check_shape_mismatch_raises(student):
    cases = [(torch.zeros(4, 1), torch.zeros(4)), (torch.zeros(3), torch.zeros(4)), (torch.zeros(2, 3), torch.zeros(3)),
             (torch.zeros(()), torch.zeros(1)), (torch.zeros(2, 3), torch.zeros(3, 2)), (torch.zeros(6), torch.zeros(2, 3))]
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
        for dtype in (torch.float32, torch.float64):  # a change made for one dtype only shows here
            pred, target = pair(50, (6,), dtype)
            _, after = getattr(student, name).with_inputs(pred, target)
            expect_unchanged([pred, target], after, ["pred", "target"], call=call_text(name, pred, target))


@worker_function
def text_of(module, name):
    """A str subclass (a StrEnum member, say) as the plain text it holds, read through str itself
    so that an overridden __eq__ or __str__ cannot change it; None for anything else."""
    value = getattr(module, name)
    return str.__str__(value) if isinstance(value, str) else None


@check('MORE_OUTLIER_SENSITIVE names the loss that punishes outliers more', kind="value", points=1)
def check_outlier_answer(student, reference):
    answer = student.MORE_OUTLIER_SENSITIVE
    expected = reference.MORE_OUTLIER_SENSITIVE
    if isinstance(answer, Remote):  # not a plain str: the contract accepts a str subclass equal to it
        answer = student.run(text_of, "MORE_OUTLIER_SENSITIVE") or answer
    if answer == expected:
        return
    if answer is None:
        raise CheckFailure('MORE_OUTLIER_SENSITIVE still holds its placeholder (None): set it to "mse" or "mae"',
                           stub=True)
    if isinstance(answer, str) and answer.strip().lower() == expected:
        how = "lowercase, no spaces" if answer.strip() != answer else "lowercase"
        raise CheckFailure(f'MORE_OUTLIER_SENSITIVE is {answer!r}: write it exactly as "{expected}" ({how})')
    raise CheckFailure(f'MORE_OUTLIER_SENSITIVE is {answer!r}, expected "mse" or "mae" (the right one)',
                       help="Compare the two losses on the book's example: one error of 7 adds 49 to one sum "
                            "and 7 to the other. Which loss does the outlier dominate?")


@check("uses no built-in loss (nn.MSELoss, nn.L1Loss, F.mse_loss, F.l1_loss)", kind="api", points=2,
       depends=("check_mse_values", "check_mae_values"))
def check_no_built_in_loss(source, student):
    findings = source.uses_of_names(BUILT_IN_LOSSES)
    # The syntax tree gives line numbers; the worker, which watched every call, sees a loss
    # reached by getattr, __import__ or another module path too.
    findings = findings or student.forbidden_calls(["mse", "mae"])
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


# ---------------------------------------------------------------- generated inputs


@composite
def loss_inputs(draw):
    """pred and target of one shape (rank 0 to 3), both dtypes, magnitudes from 1e-3 to 1e3,
    and sometimes both near 1000 and close together (a rearranged formula cancels there)."""
    shape = draw(st.one_of(shapes(0, 3).filter(lambda s: 0 not in s),  # batches past any chunk size or row count
                           st.sampled_from([(100,), (1000,), (65, 3), (4097,), (8193,), (300, 30)])))
    dtype, seed, scale = draw(st.sampled_from(DTYPES)), draw(seeds()), draw(scales())
    pred = random_tensor(shape, dtype, seed, scale)
    if draw(st.integers(0, 3)) == 0:
        pred = random_tensor(shape, dtype, seed, 1.0, offset=1000.0)
        return pred, (pred.to(torch.float64) + random_tensor(shape, torch.float64, seed + 1, 0.5)).to(dtype)
    return pred, random_tensor(shape, dtype, seed + 1, scale)


# Values below 1e-30 (float64, where their squares do not underflow to 0), which no draw is sure to reach.
LOSS_EDGES = [(random_tensor((5,), torch.float64, 3, scale=1e-35), random_tensor((5,), torch.float64, 4, scale=1e-35))]


def describe_losses(name):
    return lambda pred, target: f"{name}({literal(pred)}, {literal(target)})"


@worker_function
def loss_of_views(module, name, pred, target, layout):
    """The loss of views holding pred's and target's values, made in the worker (tensors travel
    contiguous): "transposed" (a transposed copy seen back through .mT), "strided" (every other
    element of a wider tensor) or "expanded" (stride 0: the same rows repeated 3 times, which
    leaves the mean as it is; pred is also a non-leaf that requires grad, so retain_grad() on it
    shows)."""
    if layout == "transposed" and pred.dim() >= 2:
        pred, target = pred.mT.contiguous().mT, target.mT.contiguous().mT
    elif layout == "strided":  # pred also a non-leaf that requires grad, as a model's output is
        pred = torch.stack([pred, torch.zeros_like(pred)], dim=-1).requires_grad_()[..., 0]
        target = torch.stack([target, torch.zeros_like(target)], dim=-1)[..., 0]
    elif layout == "expanded":
        pred, target = pred.expand(3, *pred.shape), target.expand(3, *target.shape)
    return getattr(module, name)(pred, target)


@composite
def viewed_loss_inputs(draw, name):
    pred, target = draw(loss_inputs().build())
    return name, pred, target, draw(st.sampled_from(["transposed", "strided", "expanded"]))


def describe_views(name, pred, target, layout):
    return f"{name}({literal(pred)}, {literal(target)}) given as {layout} views"


def loss_on_views(student, reference, name):
    """The same values given as non-contiguous or expanded views: ordinary inputs (the contract)."""
    for_all(viewed_loss_inputs(name), student.runner(loss_of_views),
            lambda name, pred, target, layout: getattr(reference, name)(pred, target),
            compare=compare_tensors, key=f"ex5.{name}-views", count=20, describe=describe_views)


@check("mse agrees with the formula on generated inputs (any rank, both dtypes, values near 1000, views)",
       kind="value", points=1, depends="check_mse_values")
def check_mse_generated(student, reference):
    for_all(loss_inputs(), student.mse, reference.mse, compare=compare_tensors, key="ex5.mse", count=40,
            describe=describe_losses("mse"), explicit=LOSS_EDGES)
    loss_on_views(student, reference, "mse")


@check("mae agrees with the formula on generated inputs (any rank, both dtypes, values near 1000, views)",
       kind="value", points=1, depends="check_mae_values")
def check_mae_generated(student, reference):
    for_all(loss_inputs(), student.mae, reference.mae, compare=compare_tensors, key="ex5.mae", count=40,
            describe=describe_losses("mae"), explicit=LOSS_EDGES)
    loss_on_views(student, reference, "mae")


@check("the gradient of mae is finite where pred equals target", kind="gradient", points=1,
       depends="check_mae_gradients")
def check_mae_gradient_at_ties(student):
    # |d| has no slope at d = 0: PyTorch's abs gives 0, a torch.where may give ±1; every choice
    # in [-1, 1] (divided by N) is fine. sqrt(d**2) gives NaN there, which breaks training.
    for dtype in (torch.float64, torch.float32):
        pred = torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=dtype)
        target = torch.tensor([1.0, 0.0, 3.0, 5.0], dtype=dtype)
        _, grads = student.mae.with_grad(pred, target, wrt=[0])
        call = f"mae(pred, target) where pred[0] == target[0] and pred[2] == target[2], in {str(dtype)[6:]}"
        if isinstance(grads, str):
            raise CheckFailure(f"{call}: the result is not connected to autograd")
        grad = grads[0]
        bound = 1.0 / pred.numel()
        if grad is None or type(grad) is not torch.Tensor or grad.shape != pred.shape:
            raise CheckFailure(f"{call}: no usable gradient reaches pred")
        if not torch.isfinite(grad).all() or (grad.abs() > bound * (1 + 1e-5)).any():
            raise CheckFailure(f"{call}: the gradient with respect to pred is {grad.tolist()}; where the errors "
                               f"are 0 it must be finite (between -{bound:g} and {bound:g})",
                               help="sqrt(d**2) has the same values as |d| but its gradient at d = 0 is NaN (0/0). "
                                    "Use .abs() (or torch.abs) for the absolute error.")



@worker_function
def loss_of_itself(module, name, x):
    x = x.detach().requires_grad_()
    value = getattr(module, name)(x, x)  # one tensor as both arguments
    return value, bool(isinstance(value, torch.Tensor) and value.requires_grad)


@check("mse and mae of a tensor with itself: 0, same dtype, still differentiable", kind="value", points=1,
       depends=("check_mse_values", "check_mae_values"))
def check_same_tensor_twice(student, reference):
    for name in ("mse", "mae"):
        for dtype in (torch.float32, torch.float64):
            x = torch.randn(5, generator=torch.Generator().manual_seed(70), dtype=dtype)
            value, connected = student.run(loss_of_itself, name, x)
            call = f"{name}(x, x) for one {str(dtype)[6:]} tensor x that requires grad"
            expect_tensor(value, getattr(reference, name)(x, x), call=call)
            if not connected:
                raise CheckFailure(f"{call} returned a tensor that autograd cannot differentiate",
                                   help="Do not special-case equal inputs: compute the formula as always, so the "
                                        "loss stays connected to pred and target.")
