"""Comparisons that explain themselves: type, then shape and dtype, then the worst element.

Tolerances are relative to the reference value (never to the student's) and depend on the
dtype, so a correct solution written differently (F.linear, clamp, another summation
order) passes while a real mistake does not.
"""

from __future__ import annotations

import math

import torch

from grader.core.outcomes import CheckFailure, DtypeFound, StudentRaised
from grader.remote.wire import Foreign

# dtype -> (rtol, atol as a fraction of the reference's largest magnitude)
TOLERANCES = {
    torch.float64: (1e-7, 1e-9),
    torch.float32: (1e-4, 1e-5),
    torch.float16: (1e-2, 1e-3),
    torch.bfloat16: (2e-2, 1e-2),
}


def describe_type(value) -> str:
    """'a float', 'a list of 3 items', 'None (did you forget `return`?)', 'a MyTensor'."""
    from grader.core.handles import Remote

    if value is None:
        return "None (did you forget `return`?)"
    if isinstance(value, Foreign):
        return f"a {value.type_name}"
    if isinstance(value, Remote):
        return f"a {value.type_name}"
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {fmt_shape(value.shape)}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return f"a dict with keys {sorted(map(str, value))[:6]}"
    if isinstance(value, bool):
        return f"a bool ({value})"
    if isinstance(value, (int, float)):
        return f"a {type(value).__name__} ({fmt_number(value)})"
    if isinstance(value, str):
        return f"a str ({value[:40]!r})"
    return f"a {type(value).__name__}"


def fmt_shape(shape) -> str:
    """A shape as the student writes it: "(3, 4)", "(5,)", "()"."""
    dims = tuple(int(d) for d in shape)
    return "(" + ", ".join(map(str, dims)) + ("," if len(dims) == 1 else "") + ")"


# Significant digits a value of each floating dtype is shown with: all it holds, no more.
# A Python float is shown as float32 would be: what the book's tensors are.
_DIGITS = {torch.float16: 4, torch.bfloat16: 3, torch.float32: 7, torch.float64: 10}


def fmt_number(x, dtype: torch.dtype | None = None) -> str:
    """A value as its dtype has it: True/False for bools, integers without decimals, floats to
    the digits their dtype holds (float32: 7)."""
    if isinstance(x, bool) or dtype == torch.bool:
        return str(bool(x))
    if isinstance(x, int) or (dtype is not None and not dtype.is_floating_point and not dtype.is_complex):
        return str(int(x))
    digits = _DIGITS.get(dtype, 7)
    if isinstance(x, complex):
        return f"{x:.{digits}g}"
    if math.isnan(x) or math.isinf(x):
        return str(x)
    return f"{x:.{digits}g}"


def dtype_name(dtype: torch.dtype) -> str:
    return str(dtype).replace("torch.", "")


def expect_tensor(actual, expected: torch.Tensor, *, call: str, rtol: float | None = None,
                  atol: float | None = None, what: str = "returned") -> torch.Tensor:
    """Fail unless `actual` is a real torch.Tensor (no subclass) with `expected`'s shape, dtype
    and device, and values within tolerance of it: `expect_tensor_like`, then `expect_values`.
    Returns `actual`.

    `call` is how the message names the call, as the student would write it ("attention(q of
    shape (2, 4, 3), ...)"); `what` is the verb after it ("returned"; "has" for a gradient).
    `rtol` and `atol` replace the dtype's tolerances (see `tolerances`); integer and bool
    tensors must be equal."""
    expect_tensor_like(actual, expected, call=call, what=what)
    expect_values(actual, expected, call=call, rtol=rtol, atol=atol, what=what)
    return actual


def expect_tensor_like(actual, expected: torch.Tensor, *, call: str, what: str = "returned") -> None:
    """Fail unless `actual` is a torch.Tensor of `expected`'s shape, dtype and device, judged in
    that order before any number is looked at. A wrong shape comes with a hint where the
    shapes say something (a transpose, an (N, 1) broadcast against (N,)); a wrong dtype whose
    values would match once cast is marked so (`CheckFailure.dtype_only`), which lets the checks
    that depend on this one still run."""
    if type(actual) is not torch.Tensor:
        raise CheckFailure(f"{call} {what} {describe_type(actual)}, expected a torch.Tensor "
                           f"of shape {fmt_shape(expected.shape)}",
                           expected=f"torch.Tensor {fmt_shape(expected.shape)}", actual=describe_type(actual))
    if actual.shape != expected.shape:
        raise CheckFailure(f"{call} {what} shape {fmt_shape(actual.shape)}, expected "
                           f"{fmt_shape(expected.shape)}", expected=fmt_shape(expected.shape),
                           actual=fmt_shape(actual.shape), help=shape_hint(actual.shape, expected.shape))
    if actual.dtype != expected.dtype:
        raise CheckFailure(f"{call} {what} dtype {dtype_name(actual.dtype)}, expected "
                           f"{dtype_name(expected.dtype)}", expected=dtype_name(expected.dtype),
                           actual=DtypeFound(dtype_name(actual.dtype),
                                             values_match=same_values_in_either_dtype(actual, expected)),
                           help="Keep the dtype of the inputs: avoid torch.tensor(...), .float() or "
                                "dtype=... inside the function; use operations on the inputs.")
    if actual.device != expected.device:
        raise CheckFailure(f"{call} {what} a tensor on {actual.device}, expected {expected.device}")


def looser_dtype(a: torch.dtype, b: torch.dtype) -> torch.dtype:
    """The less precise of two floating dtypes (the one with the wider tolerance)."""
    return max((a, b), key=lambda dtype: TOLERANCES.get(dtype, (0.0, 0.0))[0])


def same_values_in_either_dtype(actual: torch.Tensor, expected: torch.Tensor) -> bool:
    """Would a result of the wrong floating dtype pass once cast? Judged at the precision of the
    less precise of the two dtypes: a float32 answer to a float64 question is float32-accurate
    at best, and that is all the dtype failure already says."""
    if not (actual.is_floating_point() and expected.is_floating_point()):
        return False
    looser = looser_dtype(actual.dtype, expected.dtype)
    try:
        expect_values(actual.detach().to(looser), expected.detach().to(looser), call="")
    except CheckFailure:
        return False
    return True


def shape_hint(actual, expected) -> str | None:
    actual, expected = tuple(actual), tuple(expected)
    if math.prod(actual) == math.prod(expected) and sorted(actual) == sorted(expected):
        return "Same number of elements in another layout: a missing or extra transpose?"
    if not expected:
        return ("A single number (a 0-dim tensor) was expected: reduce over every element, e.g. `.mean()` "
                "with no `dim`, and do not reshape or unsqueeze the result.")
    if len(actual) == len(expected) + 1 and len(actual) >= 2 and actual[-1] == actual[-2]:
        return "An extra dimension: an (N, 1) tensor broadcast against an (N,) one gives (N, N)."
    if len(actual) == 2 and len(expected) == 2 and actual[0] == expected[0]:
        return "The batch size is right but the number of features is not: check which weight " \
               "matrix is transposed."
    return None


def tolerances(expected: torch.Tensor, rtol: float | None, atol: float | None) -> tuple[float, float]:
    """(rtol, atol) for comparing a result with `expected`: those given, else its dtype's
    (`TOLERANCES`), with atol scaled by the largest finite magnitude in `expected` (at least 1),
    so that values of 10³ are judged relative to their size. Never relative to the student's
    values."""
    default_rtol, default_atol = TOLERANCES.get(expected.dtype, (0.0, 0.0))
    scale = 1.0
    if expected.is_floating_point() and expected.numel():
        finite = expected[torch.isfinite(expected)]
        if finite.numel():
            scale = max(1.0, float(finite.abs().max()))
    return (default_rtol if rtol is None else rtol), (default_atol * scale if atol is None else atol)


def expect_values(actual: torch.Tensor, expected: torch.Tensor, *, call: str, rtol=None, atol=None,
                  what: str = "returned") -> None:
    """Fail unless every element of `actual` is within `atol + rtol * |expected|` of `expected`
    (same shapes: call `expect_tensor_like` first, or use `expect_tensor`). NaN matches NaN and
    an infinity the same infinity; integer and bool tensors must be equal. The message names the
    worst element, both values (as their dtype holds them) and how many elements differ."""
    rtol, atol = tolerances(expected, rtol, atol)
    a = actual.detach().to(torch.float64) if actual.is_floating_point() else actual.detach()
    e = expected.detach().to(a.dtype)
    if not a.is_floating_point():
        bad = a != e
        tol_tensor = torch.zeros_like(a, dtype=torch.float64)
        diff = (a.to(torch.float64) - e.to(torch.float64)).abs()
    else:
        diff = (a - e).abs()
        tol_tensor = atol + rtol * e.abs()
        same_nonfinite = (a == e) | (torch.isnan(a) & torch.isnan(e))
        bad = ~((diff <= tol_tensor) | same_nonfinite)
        diff = torch.where(torch.isnan(diff), torch.full_like(diff, math.inf), diff)
    count = int(bad.sum())
    if count == 0:
        return
    excess = torch.where(bad, diff - tol_tensor, torch.full_like(diff, -math.inf))
    flat = int(torch.argmax(excess.reshape(-1))) if excess.numel() > 1 else 0
    index = _unravel(flat, tuple(a.shape))
    got, want = a.reshape(-1)[flat].item(), e.reshape(-1)[flat].item()
    where = f"element {list(index)}" if index else "the value"
    tol = tol_tensor.reshape(-1)[flat].item() if tol_tensor.numel() else 0.0
    message = f"{call} {what} wrong values: {where} is {fmt_number(got, actual.dtype)}, " \
              f"expected {fmt_number(want, expected.dtype)}"
    if a.is_floating_point():
        message += f" (tolerance {tol:.1g})"
    if a.numel() > 1:
        message += f"; {count} of {a.numel()} elements differ"
    raise CheckFailure(message, expected=want, actual=got)


def _unravel(flat: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    index = []
    for size in reversed(shape):
        index.append(flat % size)
        flat //= size
    return tuple(reversed(index))


def expect_number(actual, expected: float, *, call: str, rtol: float = 1e-5, atol: float = 1e-6,
                  what: str = "returned") -> float:
    """Fail unless `actual` is a plain Python number (int or float, not bool, not a tensor: the
    message suggests .item()) within `atol * max(1, |expected|) + rtol * |expected|` of
    `expected`. Returns it as a float."""
    if isinstance(actual, bool) or type(actual) not in (int, float):
        hint = " (use .item() to turn a one-element tensor into a float)" if isinstance(actual, torch.Tensor) else ""
        raise CheckFailure(f"{call} {what} {describe_type(actual)}, expected a float{hint}",
                           expected="float", actual=describe_type(actual))
    scale = max(1.0, abs(expected))
    if not (abs(actual - expected) <= atol * scale + rtol * abs(expected)):
        raise CheckFailure(f"{call} {what} {fmt_number(actual)}, expected {fmt_number(expected)}",
                           expected=expected, actual=actual)
    return float(actual)


def expect_raises(exception: str, function, *args, call: str, **kwargs) -> StudentRaised:
    """Call `function(*args, **kwargs)`, a student function (`student.fn`), and fail unless it
    raises `exception`, given by class name ("ValueError"; a subclass counts, however the
    student named it). The failure says what it raised or returned instead, named by `call`.
    Returns the `StudentRaised`, to look at its message."""
    try:
        value = function(*args, **kwargs)
    except StudentRaised as raised:
        if raised.is_a(exception):
            return raised
        raise CheckFailure(f"{call} raised {raised.type}, expected {exception}"
                           + (f": {raised.message.splitlines()[0][:200]}" if raised.message.strip() else ""),
                           expected=exception, actual=raised.type) from None
    raise CheckFailure(f"{call} returned {describe_type(value)}, expected it to raise {exception}",
                       expected=exception, actual=describe_type(value))


def expect_unchanged(before: list, after: list, names: list[str], *, call: str) -> None:
    """Fail unless every tensor of `before` (copies taken before the call) equals the one at the
    same place in `after` (the arguments after it: `student.fn.with_inputs`), shape and values.
    `names` names them in the message. The engine's rule checks already hold every contract
    function to this on every call: use it where a check of your own must say more."""
    for name, old, new in zip(names, before, after):
        if isinstance(old, torch.Tensor) and (type(new) is not torch.Tensor or new.shape != old.shape
                                              or not torch.equal(new, old)):
            raise CheckFailure(f"{call} modified its input `{name}` in place",
                               help="Do not change the arguments (no +=, .add_(), .t_(), x[...] = ...); "
                                    "compute a new tensor instead.")


# The loss curve of a training run, one line of text: what training checks show.
BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], width: int = 40) -> str:
    """The curve on a log scale (losses span orders of magnitude); '×' marks NaN or inf."""
    if not values:
        return ""
    step = max(1, math.ceil(len(values) / width))
    sampled = [values[i] for i in range(0, len(values), step)][:width]
    finite = [v for v in sampled if math.isfinite(v) and v > 0]
    if not finite:
        return "×" * len(sampled)
    low, high = math.log10(min(finite)), math.log10(max(finite))
    span = high - low or 1.0
    out = []
    for v in sampled:
        if not math.isfinite(v):
            out.append("×")
        elif v <= 0:
            out.append(BLOCKS[0])
        else:
            out.append(BLOCKS[min(len(BLOCKS) - 1, int((math.log10(v) - low) / span * (len(BLOCKS) - 1) + 0.5))])
    return "".join(out)
