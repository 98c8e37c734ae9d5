"""Checks for Exercise 8: softmax(logits, dim=-1) and cross_entropy(logits, targets), by hand.

The truth is PyTorch's own F.softmax and F.cross_entropy, run here in the trusted process
(the student may not call them). Tolerances follow the contract: cross_entropy within 1e-5
relative plus 4·eps(dtype)·max|logits| absolute, so that every standard stable form passes
(`max + log Σ exp(l - max) - l[target]` rounds the max's magnitude away); softmax within the
dtype's usual tolerance, at every size of logits: the contract asks for exact probabilities
up to ±10⁴, which exp(l - max) / Σ exp(l - max) gives (l - max is exact) and
exp(l - (max + log Σ)) does not (float32 keeps 3 decimals of 10000.69).
"""

import math

import torch
import torch.nn.functional as F

from grader.checks import (CheckFailure, StudentRaised, check, expect_raises, expect_tensor, expect_tensor_like,
                           expect_unchanged, expect_values, for_all, reference_grads, worker_function)
from grader.expect import tolerances
from grader.strategies import DTYPES, composite, random_tensor, seeds, st

BOOK = [([[2.0, 1.0, 0.1]], [0]), ([[1.5, 3.2, 0.5, 0.1, 0.8]], [1])]
# The contract's forbidden names (their Tensor methods share them) and the private entry
# points behind them. `softmax` and `cross_entropy` are also the student's own function
# names: the strings 'softmax' and 'cross_entropy' alone (an __all__ list) are not a use.
FORBIDDEN_NAMES = {"softmax", "log_softmax", "logsumexp", "Softmax", "LogSoftmax", "cross_entropy",
                   "CrossEntropyLoss", "nll_loss", "NLLLoss", "_softmax", "_log_softmax", "cross_entropy_loss",
                   "nll_loss_nd", "nll_loss2d"}
OWN_NAME_STRINGS = {"'softmax'", "'cross_entropy'"}


# ---------------------------------------------------------------- inputs and descriptions


def logits_of(seed, shape, dtype=torch.float32, scale=3.0):
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(shape, generator=gen, dtype=dtype) * scale


def batch_of(seed, n, c, dtype=torch.float32, scale=3.0):
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(n, c, generator=gen, dtype=dtype) * scale, torch.randint(0, c, (n,), generator=gen)


def dtype_text(tensor):
    return str(tensor.dtype)[6:]


class Typed(float):
    """A float shown as typed: 0.1 for float32's 0.10000000149011612, float('-inf') for -inf."""

    def __repr__(self):
        return repr(float(f"{self:.7g}")) if math.isfinite(self) else f"float('{float(self)}')"


def show(tensor):
    """A small tensor as a beginner would type it: float32 values to 7 digits (0.1, not
    0.10000000149011612), the dtype only when it is not torch.tensor's default."""
    def walk(x):
        if isinstance(x, list):
            return [walk(y) for y in x]
        return x if isinstance(x, int) or math.isfinite(x) and x == float(f"{x:.7g}") else Typed(x)

    default = torch.float32 if tensor.is_floating_point() or not tensor.numel() else torch.int64
    dtype = "" if tensor.dtype == default else f", dtype=torch.{dtype_text(tensor)}"
    return f"torch.tensor({walk(tensor.tolist())}{dtype})"


def softmax_call(logits, dim=None):
    shown = show(logits) if logits.numel() <= 6 else f"logits{tuple(logits.shape)} in {dtype_text(logits)}"
    return f"softmax({shown}" + ("" if dim is None else f", dim={dim}") + ")"


def ce_call(logits, targets):
    if logits.numel() <= 6:
        return f"cross_entropy({show(logits)}, {show(targets)})"
    return f"cross_entropy(logits{tuple(logits.shape)}, targets{tuple(targets.shape)}) in {dtype_text(logits)}"


# ---------------------------------------------------------------- comparisons


def loss_atol(logits):
    finite = logits[torch.isfinite(logits)]  # a -inf logit (a masked-out class) sets no scale
    return 4 * torch.finfo(logits.dtype).eps * float(finite.abs().max()) if finite.numel() else 0.0


def only_precision_lost(actual, expected):
    a, e = actual.detach().to(torch.float64), expected.detach().to(torch.float64)
    return bool(torch.isfinite(a).all() and ((a - e).abs() <= 1e-2 * e.abs() + 1e-6).all())


def softmax_advice(actual, expected, dim):
    """What a wrong softmax result shows by itself (said only when it is certain)."""
    ndim = actual.dim()
    if not torch.isfinite(actual).all():
        return ("The result holds nan or inf: exp overflowed (exp(x) is inf above x = 88 in float32, 710 in "
                "float64, and inf / inf is nan), or every exp of a slice underflowed to 0 (0 / 0 is nan). Subtract "
                "the maximum of each slice first: logits - logits.amax(dim=dim, keepdim=True).")
    a = actual.detach().to(torch.float64)
    if only_precision_lost(actual, expected):
        return ("Every probability is within 1% of the right one, so this is lost precision, not a wrong formula. "
                "A common cause: exp(logits - (m + log(sum))) adds the maximum back and subtracts it again, and "
                "float32 keeps only 3 decimals of 10000.69. exp(logits - m) / exp(logits - m).sum(dim=dim, "
                "keepdim=True) loses nothing.")

    def sums_to_one(d):
        return bool((a.sum(dim=d) - 1).abs().max() < 1e-3)

    if sums_to_one(dim):
        return (f"Every slice along dim={dim} sums to 1, but the probabilities are not the softmax of the logits: "
                "the maximum you subtract must be constant along dim (logits.amax(dim=dim, keepdim=True)), and "
                "the exps must be of logits minus that maximum.")
    others = [d for d in range(ndim) if d != dim % ndim and sums_to_one(d)]
    if others:
        return (f"Your result sums to 1 along dim={others[0]}, not along dim={dim}: use the dim argument in both "
                "the maximum and the sum (amax(dim=dim, keepdim=True), sum(dim=dim, keepdim=True)).")
    if abs(float(a.sum()) - 1) < 1e-3:
        return (f"Your result sums to 1 over the whole tensor, not along dim={dim}: divide by the sum along dim, "
                "exps.sum(dim=dim, keepdim=True).")
    return (f"Your result does not sum to 1 along dim={dim}: divide the exps by their sum along dim, "
            "exps.sum(dim=dim, keepdim=True).")


def expect_probs(actual, logits, dim, call):
    """softmax's result against F.softmax, with advice read off the result."""
    expected = F.softmax(logits, dim)
    expect_tensor_like(actual, expected, call=call)
    try:
        expect_values(actual, expected, call=call)
    except CheckFailure as failure:
        # Lost precision is not a formula a catalog entry could reproduce (they are compared
        # with 10 times the tolerance): no "no known mistake" line under the advice then.
        numbers = not only_precision_lost(actual, expected)
        raise CheckFailure(failure.message, expected=failure.expected if numbers else None,
                           actual=failure.actual if numbers else None,
                           help=softmax_advice(actual, expected, dim)) from None


# Single calls that tell the unstable forms of cross_entropy apart, in float32, tried in this
# order: the first breaks the naive log(sum(exp)) only, the second log(softmax) (which the
# naive form survives), the third a batch-wide maximum (which survives the first two).
PROBES = [
    ([[1e4, 9999.0]], [0], "exp of an unshifted logit overflowed",
     "exp(10000.) is inf (in float32 anything above 88 is), so log(exp(logits).sum()) is inf. Use log-sum-exp: "
     "m = logits.amax(dim=1, keepdim=True), then m + log(exp(logits - m).sum(dim=1, keepdim=True))."),
    ([[0.0, -200.0]], [1], "the log of a probability that underflowed to 0",
     "softmax gives the second class exp(-200) / (1 + exp(-200)), which is exactly 0 in float32, and "
     "log(0) = -inf. Compute log-probabilities directly, (logits - m) - log(exp(logits - m).sum(dim=1, "
     "keepdim=True)), instead of log(softmax(logits))."),
    ([[1e4, 9999.0], [-1e4, -9999.0]], [0, 1], "the maximum of the whole batch was subtracted",
     "logits.max() is one number for the whole batch (the maximum of the whole batch, not of each row): the "
     "second row lies 20000 below it, all its exps underflow to 0 and log(0) = -inf. Subtract each row's own "
     "maximum: logits.amax(dim=1, keepdim=True)."),
]


def diagnose_non_finite(student) -> str:
    """Which unstable form of cross_entropy the student wrote, found by calling it on probes."""
    for logits, targets, mistake, advice in PROBES:
        try:
            value = student.cross_entropy(torch.tensor(logits), torch.tensor(targets))
        except StudentRaised:
            continue
        if type(value) is torch.Tensor and value.numel() == 1 and not torch.isfinite(value).all():
            return (f"cross_entropy(torch.tensor({logits}), torch.tensor({targets})) gives {float(value)} too "
                    f"(F.cross_entropy: {float(F.cross_entropy(torch.tensor(logits), torch.tensor(targets))):.6g}): "
                    f"this looks like a known mistake: {mistake}. {advice}")
    return ("No known mistake explains it (the naive exp, log(softmax) and a batch-wide maximum all pass the "
            "grader's probes): look for an exp of a large number or a log of 0 in your code.")


def expect_loss(actual, logits, targets, call, student=None):
    """cross_entropy's result against F.cross_entropy, within the contract's tolerance. With
    `student`, a non-finite loss where F.cross_entropy is finite is diagnosed by probes."""
    expect_finite_loss(actual, F.cross_entropy(logits, targets), loss_atol(logits), call, student)


NOT_FINITE = "the loss must stay finite wherever F.cross_entropy is"


def expect_finite_loss(actual, expected, atol, call, student=None):
    expect_tensor_like(actual, expected, call=call)
    if not torch.isfinite(actual).all() and torch.isfinite(expected):
        raise CheckFailure(f"{call} returned {float(actual)}, expected {float(expected):.6g}: {NOT_FINITE}",
                           help=None if student is None else diagnose_non_finite(student))
    expect_values(actual, expected, call=call, rtol=1e-5, atol=atol)


def grad_atol(logits, grad_output=None):
    """The contract's absolute gradient tolerance, 4·eps(dtype)·max|logits| per element, for an
    upstream gradient g scaled by |g| when that is above 1 (the gradient itself scales by g;
    never tighter than the contract)."""
    upstream = 1.0 if grad_output is None else max(1.0, float(grad_output.abs().max()))
    return loss_atol(logits) * upstream


def expect_ce_grads(student, logits, targets, call, grad_output=None):
    """The gradient with respect to logits against autograd through F.cross_entropy, within the
    contract's tolerance: 1e-5 relative plus 4·eps(dtype)·max|logits| per element (so the
    textbook backward (softmax - onehot) / N passes where float32 rounds 10000.69)."""
    try:
        value, grads = student.cross_entropy.with_grad(logits, targets, wrt=[0], grad_output=grad_output)
    except StudentRaised as raised:
        if "in-place operation" not in raised.message:
            raise
        raise CheckFailure(f"{call} raised {raised.type} when logits require grad: "
                           f"{raised.message.splitlines()[0][:200]}",
                           help="An in-place operation on logits (logits -= ..., logits.sub_(...)) cannot be "
                                "differentiated and changes the caller's tensor: write the shifted logits into a "
                                "new tensor, shifted = logits - logits.amax(dim=1, keepdim=True).") from None
    expected_value, (expected,) = reference_grads(F.cross_entropy, [logits, targets], [0], grad_output)
    wrong_dtype = None  # judged last: a result cut off from autograd is the bigger mistake
    try:
        expect_tensor_like(value, expected_value, call=call)
    except CheckFailure as failure:
        if not failure.dtype_only:
            raise
        wrong_dtype = failure
    if isinstance(grads, str):
        raise CheckFailure(f"{call}: the result is not connected to autograd, so no gradient can flow back",
                           help="Build the result from the logits with torch operations only: no .item(), "
                                ".tolist(), .detach(), .numpy() or torch.tensor(...) on intermediate values.")
    if grads[0] is None:
        raise CheckFailure(f"{call}: no gradient reaches `logits`",
                           help="The result does not depend on `logits` through autograd: was it detached or "
                                "rebuilt with torch.tensor(...)?")
    upstream = "" if grad_output is None else f" (upstream gradient {float(grad_output):g})"
    # The contract's tolerance, or the dtype's usual one where that is looser (float32's 1e-4
    # relative): never tighter than either, so nothing the contract allows fails.
    usual_rtol, usual_atol = tolerances(expected, None, None)
    expect_tensor(grads[0], expected, call=f"the gradient with respect to `logits` of {call}{upstream}", what="has",
                  rtol=max(1e-5, usual_rtol), atol=max(grad_atol(logits, grad_output), usual_atol))
    if wrong_dtype is not None:
        raise wrong_dtype


# ================================================================ softmax


@check("softmax gives [0.659, 0.242, 0.099] on the section's logits [[2.0, 1.0, 0.1]]", kind="value", points=2)
def check_softmax_book(student):
    logits = torch.tensor(BOOK[0][0])
    expect_probs(student.softmax(logits), logits, -1, softmax_call(logits))


@check("softmax returns the shape and dtype of its input", kind="shape", points=1)
def check_softmax_shape(student):
    for seed, (shape, dtype) in enumerate([((5,), torch.float32), ((4, 3), torch.float32), ((2, 3, 4), torch.float32),
                                           ((1, 1), torch.float32), ((4, 3), torch.float64)]):
        logits = logits_of(seed, shape, dtype)
        expect_tensor_like(student.softmax(logits), F.softmax(logits, -1), call=softmax_call(logits))


@check("softmax matches F.softmax along the last dim (float32 and float64)", kind="value", points=2,
       depends="check_softmax_shape")
def check_softmax_values(student):
    for dtype in (torch.float32, torch.float64):
        for seed, shape in enumerate([(5,), (4, 3), (3, 4), (5, 5), (2, 3, 4), (1, 7)]):
            logits = logits_of(10 + seed, shape, dtype)
            expect_probs(student.softmax(logits), logits, -1, softmax_call(logits))


@check("softmax normalises along the dim it is given (dim=0, dim=1, dim=-2)", kind="value", points=2,
       depends="check_softmax_values")
def check_softmax_dim(student):
    # (4, 3): a wrong dim shows in the shape of the sums; (3, 3): only in the values.
    cases = [((4, 3), 0), ((4, 3), 1), ((4, 3), -2), ((3, 3), 0), ((6,), 0)]
    for dtype in (torch.float32, torch.float64):
        for seed, (shape, dim) in enumerate(cases):
            logits = logits_of(20 + seed, shape, dtype)
            expect_probs(student.softmax(logits, dim=dim), logits, dim, softmax_call(logits, dim))


@check("softmax stays exact and finite for logits near +10000 or -10000 (float32 and float64)", kind="value",
       points=2, depends="check_softmax_values")
def check_softmax_large_logits(student):
    # In each tensor all rows have logits of one size, so only the exp itself can overflow
    # (exp(10000.) is inf) or underflow (exp(-10000.) is 0, and 0 / 0 is nan).
    cases = [[[1e4, 9999.0, 9995.0], [9998.0, 1e4, 9999.5]],
             [[-1e4, -9999.0, -10005.0], [-9998.0, -1e4, -9999.5]],
             [[1e4, -1e4, 0.0]],
             [[1e4, 1e4]],  # exactly [0.5, 0.5]: no digit may be rounded away
             [[100.0, 99.0, 98.0]]]  # already too large for exp in float32
    for dtype in (torch.float32, torch.float64):
        for case in cases:
            logits = torch.tensor(case, dtype=dtype)
            expect_probs(student.softmax(logits), logits, -1, softmax_call(logits))


@check("softmax handles rows whose logits lie far apart (+10000 in one row, -10000 in another)", kind="value",
       points=2, hidden=True, depends="check_softmax_large_logits")
def check_softmax_rows_far_apart(student):
    rows = torch.tensor([[1e4, 9998.0, 9999.0], [-1e4, -9997.0, -9999.0], [0.0, 1.0, -2.0], [5e3, -5e3, 4999.0]])
    for dtype in (torch.float32, torch.float64):
        logits = rows.to(dtype)
        expect_probs(student.softmax(logits), logits, -1, softmax_call(logits))
        columns = logits.T.contiguous()
        expect_probs(student.softmax(columns, dim=0), columns, 0, softmax_call(columns, 0))
    cube = torch.stack([rows, rows.flip(0) - 3.0]).permute(1, 0, 2).contiguous()  # (4, 2, 3), far apart along dim 0
    expect_probs(student.softmax(cube, dim=1), cube, 1, softmax_call(cube, 1))


@check("softmax along dim 0, 1 and 2 of 3-D tensors", kind="value", points=1, hidden=True,
       depends="check_softmax_dim")
def check_softmax_3d_dims(student):
    for dtype in (torch.float32, torch.float64):
        for seed, (shape, dim) in enumerate([((2, 3, 4), 0), ((2, 3, 4), 1), ((2, 3, 4), -2), ((2, 3, 4), 2),
                                             ((3, 3, 3), 0), ((3, 3, 3), 1), ((3, 3, 3), -3)]):
            logits = logits_of(30 + seed, shape, dtype)
            expect_probs(student.softmax(logits, dim=dim), logits, dim, softmax_call(logits, dim))


@check("softmax does not modify its input", kind="api", points=1, depends="check_softmax_values")
def check_softmax_input_unchanged(student):
    # 1e-8 next to 10000: shifting in place and shifting back cannot restore it exactly.
    for dtype in (torch.float32, torch.float64):
        for logits, dim in [(torch.tensor([[1e-8, 1e4, 0.3], [0.1, 0.2, 1e-6]], dtype=dtype), -1),
                            (logits_of(35, (4, 3), dtype), 0)]:
            _, after = student.softmax.with_inputs(logits, dim)
            expect_unchanged([logits], after[:1], ["logits"], call=softmax_call(logits, dim))


@composite
def softmax_inputs(draw):
    """Any rank from 1 to 4 and any dim (negative too), both dtypes, sizes 1 to 6 or a long
    dim of 50 or 1000 (a vocabulary), magnitudes from 1e-3 to 1e3, and sometimes every slice
    along dim shifted by its own offset of up to ±10000 (slices far apart)."""
    rank = draw(st.integers(1, 4))
    shape = draw(st.lists(st.integers(1, 6), min_size=rank, max_size=rank))
    dim = draw(st.integers(-rank, rank - 1))
    if rank <= 2 and draw(st.integers(0, 3)) == 0:
        shape[dim] = draw(st.sampled_from([50, 1000]))
        if rank == 2 and draw(st.booleans()):
            shape[dim + 1 if dim in (0, -2) else dim - 1] = 9  # 9000 elements: past any chunk of 8192
    dtype, seed = draw(st.sampled_from(DTYPES)), draw(seeds())
    scale = draw(st.sampled_from([1.0, 3.0, 10.0, 100.0, 1000.0, 0.001]))
    logits = random_tensor(shape, dtype, seed, scale)
    if draw(st.integers(0, 3)) == 0:
        offsets_shape = list(shape)
        offsets_shape[dim] = 1
        offsets = (random_tensor(offsets_shape, torch.float64, seed + 1, 5000.0)).clamp(-1e4, 1e4).round()
        logits = (logits.to(torch.float64) + offsets).to(dtype)
    return logits, dim


# Edges no draw is sure to reach: 10000 elements (past any chunk of 8192) and logits below 1e-30.
SOFTMAX_EDGES = [(random_tensor((10, 1000), torch.float32, 5, 3.0), -1),
                 (random_tensor((4, 3), torch.float64, 6, 1e-35), 0)]
CE_EDGES = [(random_tensor((4, 3), torch.float64, 7, 1e-35), torch.tensor([0, 2, 1, 2]))]


def softmax_truth(logits, dim):
    return F.softmax(logits, dim), logits, dim


def compare_probs(actual, wanted, call):
    expected, logits, dim = wanted
    expect_probs(actual, logits, dim, call)


@worker_function
def logits_as_view(module, name, layout, logits, other):
    """`name`(logits, other) with logits given as a view holding the same values, made in the
    worker (tensors travel contiguous): "transposed" (a transposed copy seen back through .mT)
    or "strided" (every other element of a wider tensor)."""
    if layout == "transposed" and logits.dim() >= 2:
        logits = logits.mT.contiguous().mT
    elif layout == "strided":
        logits = torch.stack([logits, torch.zeros_like(logits)], dim=-1)[..., 0]
    return getattr(module, name)(logits, other)


LAYOUTS = ["transposed", "strided"]


@composite
def viewed(draw, name, inputs):
    return (name, draw(st.sampled_from(LAYOUTS)), *draw(inputs.build()))


@check("softmax agrees with F.softmax on generated tensors (rank 1 to 4, any dim, both dtypes, up to ±10000, views)",
       kind="value", points=2, depends=("check_softmax_values", "check_softmax_dim"))
def check_softmax_generated(student):
    for_all(softmax_inputs(), student.softmax, softmax_truth, compare=compare_probs, key="ex8.softmax", count=40,
            describe=lambda logits, dim: softmax_call(logits, dim), explicit=SOFTMAX_EDGES)
    # non-contiguous logits are ordinary inputs (the contract)
    for_all(viewed("softmax", softmax_inputs()), student.runner(logits_as_view),
            lambda name, layout, logits, dim: softmax_truth(logits, dim), compare=compare_probs,
            key="ex8.softmax-views", count=15,
            describe=lambda name, layout, logits, dim: softmax_call(logits, dim) + f" with logits as a {layout} view")


# ================================================================ cross_entropy


@check("cross_entropy gives 0.4170 and 0.3262 on the section's two examples", kind="value", points=2)
def check_ce_book(student):
    for logits, targets in BOOK:
        logits, targets = torch.tensor(logits), torch.tensor(targets)
        expect_loss(student.cross_entropy(logits, targets), logits, targets, ce_call(logits, targets))


@check("cross_entropy returns a 0-dim tensor of the logits' dtype", kind="shape", points=1)
def check_ce_scalar(student):
    for seed, (n, c, dtype) in enumerate([(4, 3, torch.float32), (1, 5, torch.float32), (6, 2, torch.float64)]):
        logits, targets = batch_of(seed, n, c, dtype)
        expect_tensor_like(student.cross_entropy(logits, targets), F.cross_entropy(logits, targets),
                           call=ce_call(logits, targets))


@check("cross_entropy matches F.cross_entropy on random batches (float32 and float64)", kind="value", points=2,
       depends="check_ce_scalar")
def check_ce_values(student):
    for dtype in (torch.float32, torch.float64):
        for seed, (n, c) in enumerate([(4, 3), (3, 4), (5, 5), (8, 10), (16, 7)]):
            logits, targets = batch_of(40 + seed, n, c, dtype)
            expect_loss(student.cross_entropy(logits, targets), logits, targets, ce_call(logits, targets))


@check("the gradient of cross_entropy with respect to logits equals F.cross_entropy's", kind="gradient", points=2,
       depends="check_ce_values")
def check_ce_gradients(student):
    for dtype in (torch.float64, torch.float32):  # a result detached for one dtype only shows here
        for seed, (n, c) in enumerate([(4, 3), (5, 5), (8, 10)]):
            logits, targets = batch_of(50 + seed, n, c, dtype)
            expect_ce_grads(student, logits, targets, ce_call(logits, targets))
        # any upstream gradient, not only the 1 of loss.backward()
        logits, targets = batch_of(53, 6, 4, dtype)
        expect_ce_grads(student, logits, targets, ce_call(logits, targets), grad_output=torch.tensor(-2.5, dtype=dtype))


@check("cross_entropy stays exact and finite for logits near ±10000 (log-sum-exp)", kind="value", points=2,
       depends="check_ce_values")
def check_ce_large_logits(student):
    # All rows of a batch have logits of one size: only the exp itself overflows (naive
    # log(sum(exp))), or a probability underflows to 0 before its log (log(softmax)).
    cases = [([[1e4, 9999.0, 9997.0]], [1]),
             ([[-1e4, -9998.0, -9999.0]], [0]),
             ([[0.0, -200.0, 3.0], [1.0, 2.0, -150.0]], [1, 2]),
             ([[1e4, 9998.0], [9999.0, 1e4]], [1, 0])]
    for dtype in (torch.float32, torch.float64):
        for logits, targets in cases:
            logits, targets = torch.tensor(logits, dtype=dtype), torch.tensor(targets)
            if dtype == torch.float64:
                logits = logits * 5  # log(softmax) underflows only past -745 in float64
            expect_loss(student.cross_entropy(logits, targets), logits, targets, ce_call(logits, targets),
                        student=student)


# Scores only once cross_entropy computes something right (the section's examples): raising
# ValueError for everything earns nothing.
@check("cross_entropy raises ValueError for a target outside [0, C) or a batch-size mismatch", kind="api", points=2,
       depends="check_ce_book")
def check_ce_raises(student):
    logits = logits_of(60, (3, 4))
    cases = [(logits, torch.tensor([0, -1, 2])), (logits, torch.tensor([0, 4, 2])), (logits, torch.tensor([9, 1, 2])),
             (logits, torch.tensor([-5, 1, 2])), (logits, torch.tensor([0, 1])), (logits, torch.tensor([0, 1, 2, 3])),
             (logits_of(61, (1, 1)), torch.tensor([1])),
             (logits, torch.tensor([], dtype=torch.int64))]  # no targets for 3 rows: a size mismatch too
    for logits, targets in cases:
        try:
            expect_raises("ValueError", student.cross_entropy, logits, targets,
                          call=f"cross_entropy(logits{tuple(logits.shape)}, {show(targets)})")
        except CheckFailure as failure:
            if not targets.numel():
                raise CheckFailure(f"{failure.message}: {len(logits)} rows and no targets are batch sizes that differ",
                                   help="Compare targets.shape[0] with logits.shape[0] before anything else: an "
                                        "empty targets tensor has no max or min to check the range with "
                                        "(targets.max() raises RuntimeError on it).") from None
            raise CheckFailure(f"{failure.message}: the targets are not checked",
                               help="Check the targets before computing: raise ValueError when "
                               "targets.shape[0] != logits.shape[0] or when any target is < 0 or >= C. Without the "
                               "check a target of -1 silently picks the last class (negative indexing), and a target "
                               "of C stops with an IndexError instead.") from None


@check("cross_entropy does not modify logits or targets", kind="api", points=1, depends="check_ce_values")
def check_ce_inputs_unchanged(student):
    for dtype in (torch.float32, torch.float64):  # a change made for one dtype only shows here
        logits, targets = batch_of(70, 4, 3, dtype)
        _, after = student.cross_entropy.with_inputs(logits, targets)
        expect_unchanged([logits, targets], after, ["logits", "targets"], call=ce_call(logits, targets))


@check("softmax and cross_entropy accept -inf logits (masked-out classes), as F.softmax and F.cross_entropy do",
       kind="value", points=2, depends=("check_softmax_values", "check_ce_values"))
def check_minus_inf_logits(student):
    inf = float("inf")
    for dtype in (torch.float32, torch.float64):
        logits = torch.tensor([[0.0, -inf, 1.0], [-inf, 2.0, 2.0], [-inf, -inf, 3.0]], dtype=dtype)
        expect_probs(student.softmax(logits), logits, -1, softmax_call(logits))
        columns = logits.T.contiguous()
        expect_probs(student.softmax(columns, dim=0), columns, 0, softmax_call(columns, 0))
        for targets in (torch.tensor([0, 1, 2]), torch.tensor([2, 2, 2])):
            expect_loss(student.cross_entropy(logits, targets), logits, targets, ce_call(logits, targets))


@check("cross_entropy handles rows whose logits lie far apart, values and gradients", kind="value", points=2,
       hidden=True, depends=("check_ce_large_logits", "check_ce_gradients"))
def check_ce_rows_far_apart(student):
    rows = torch.tensor([[1e4, 9999.0, 9997.0], [-1e4, -9998.0, -9999.0], [0.0, 1.0, 2.0], [5e3, -5e3, 0.0]])
    targets = torch.tensor([1, 0, 2, 2])
    for dtype in (torch.float32, torch.float64):
        logits = rows.to(dtype)
        expect_loss(student.cross_entropy(logits, targets), logits, targets, ce_call(logits, targets) + " "
                    "(rows far apart)", student=student)
        expect_ce_grads(student, logits, targets, ce_call(logits, targets) + " (rows far apart)")


@check("cross_entropy with one class, one example, and large batches", kind="value", points=2, hidden=True,
       depends="check_ce_values")
def check_ce_edge_sizes(student):
    cases = [(4, 1, torch.float32), (1, 6, torch.float32), (1, 1, torch.float64), (1000, 37, torch.float32),
             (200, 1000, torch.float64)]
    for seed, (n, c, dtype) in enumerate(cases):
        logits, targets = batch_of(80 + seed, n, c, dtype)
        expect_loss(student.cross_entropy(logits, targets), logits, targets, ce_call(logits, targets))
        if n * c <= 100:
            expect_ce_grads(student, logits, targets, ce_call(logits, targets))


@composite
def ce_inputs(draw):
    """(N, C) logits and valid targets: N and C from 1 (one example, one class) to 8 or
    large (a batch of 500, a vocabulary of 1000), both dtypes, magnitudes from 1e-3 to 1e3,
    and sometimes every row shifted by its own offset of up to ±10000 (rows far apart)."""
    n = draw(st.one_of(st.integers(1, 8), st.sampled_from([33, 100, 500])))
    c = draw(st.one_of(st.integers(1, 8), st.sampled_from([50, 1000])))
    if n * c > 50_000:
        c = 50
    dtype, seed = draw(st.sampled_from(DTYPES)), draw(seeds())
    scale = draw(st.sampled_from([1.0, 3.0, 10.0, 100.0, 1000.0, 0.001]))
    logits = random_tensor((n, c), dtype, seed, scale)
    if draw(st.integers(0, 3)) == 0:
        offsets = random_tensor((n, 1), torch.float64, seed + 1, 5000.0).clamp(-1e4, 1e4).round()
        logits = (logits.to(torch.float64) + offsets).to(dtype)
    targets = torch.randint(0, c, (n,), generator=torch.Generator().manual_seed(seed + 2))
    return logits, targets


def ce_truth(logits, targets):
    return F.cross_entropy(logits, targets), loss_atol(logits)


def compare_losses(actual, wanted, call):
    expected, atol = wanted
    expect_finite_loss(actual, expected, atol, call)


def describe_ce(logits, targets):
    return ce_call(logits, targets) + f" with logits up to {float(logits.abs().max()):.3g}"


@check("cross_entropy agrees with F.cross_entropy on generated batches (C and N from 1 to 1000, up to ±10000)",
       kind="value", points=2, depends="check_ce_values")
def check_ce_generated(student):
    try:
        for_all(ce_inputs(), student.cross_entropy, ce_truth, compare=compare_losses, key="ex8.cross_entropy",
                count=40, describe=describe_ce, explicit=CE_EDGES)
        for_all(viewed("cross_entropy", ce_inputs()), student.runner(logits_as_view),
                lambda name, layout, logits, targets: ce_truth(logits, targets), compare=compare_losses,
                key="ex8.cross_entropy-views", count=15,
                describe=lambda name, layout, logits, targets: describe_ce(logits, targets)
                + f", logits as a {layout} view")
    except CheckFailure as failure:
        if NOT_FINITE not in failure.message or failure.help:
            raise
        raise CheckFailure(failure.message, help=diagnose_non_finite(student)) from None


@composite
def invalid_ce_inputs(draw):
    """Logits with targets that break the contract: one target below 0 or at C or above, or
    a targets tensor longer or shorter than the batch (empty too)."""
    n, c = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    dtype, seed = draw(st.sampled_from(DTYPES)), draw(seeds())
    logits = random_tensor((n, c), dtype, seed)
    gen = torch.Generator().manual_seed(seed + 1)
    kind = draw(st.sampled_from(["below", "above", "length"]))
    if kind == "length":
        m = draw(st.integers(0, 8).filter(lambda m: m != n))
        return logits, torch.randint(0, c, (m,), generator=gen)
    targets = torch.randint(0, c, (n,), generator=gen)
    bad = draw(st.integers(-c - 3, -1)) if kind == "below" else draw(st.integers(c, c + 3))
    targets[draw(st.integers(0, n - 1))] = bad
    return logits, targets


@check("cross_entropy raises ValueError on generated invalid targets (out of range, wrong length)", kind="api",
       points=1, depends="check_ce_raises")
def check_ce_invalid_generated(student, reference):
    try:
        for_all(invalid_ce_inputs(), student.cross_entropy, reference.cross_entropy, compare=compare_losses,
                key="ex8.invalid", count=30, describe=ce_call)
    except CheckFailure as failure:
        raise CheckFailure(failure.message, expected=failure.expected, actual=failure.actual,
                           help="Every broken rule must raise ValueError, before anything else can fail: compare "
                                "targets.shape[0] with logits.shape[0] first (an empty or longer targets tensor "
                                "too: targets.min() of an empty tensor raises RuntimeError), then the range of "
                                "the values, 0 <= target < C.") from None


# ================================================================ no built-ins


@check("uses no built-in softmax, log_softmax, logsumexp, cross_entropy or nll_loss", kind="api", points=2,
       depends=("check_softmax_values", "check_ce_values"))
def check_no_built_ins(source, student):
    findings = [f for f in source.uses_of_names(FORBIDDEN_NAMES) if f.text not in OWN_NAME_STRINGS]
    # The syntax tree gives line numbers; the worker, which watched every call, also sees a
    # built-in reached by getattr, __import__, a Tensor method or a private entry point.
    findings = findings or student.forbidden_calls(["softmax", "cross_entropy"])
    if findings:
        where = "; ".join(str(f) for f in findings[:4])
        raise CheckFailure(f"uses a built-in that this exercise asks you to write yourself: {where}",
                           help="Write softmax as exp(logits - max) / sum along dim, and cross_entropy with "
                                "log-sum-exp and indexing. Compare with the built-ins only under "
                                "`if __name__ == \"__main__\":`, which the grader never runs.")
