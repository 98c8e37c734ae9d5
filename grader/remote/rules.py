"""The contract's rules for every function, watched in the worker (this module runs there).

`../shared/EXERCISES.md` holds every function of every exercise to four rules; the engine
checks them itself, for each contract function, without an exercise asking:

- **Inputs stay as given.** Around every call of a contract function (the grader's own calls
  and those a check's worker function makes through `module.<name>`), each tensor argument,
  nested in lists, tuples and dicts too, and each parameter and buffer of an `nn.Module`
  argument, is compared before and after: values bit for bit (so -0.0 against 0.0 and NaN
  payloads count), dtype, shape, strides, `requires_grad`, `.grad` and the version counter
  (`x.add_(0.0)` leaves equal values but bumps it). An exercise lets a function change an
  argument where its contract says so (`[rules]` in exercise.toml: ex9's `train` changes
  `model`).
- **Global state stays as found.** PyTorch's global settings (default dtype, grad and
  inference mode, anomaly mode, thread counts, deterministic flags, ...) are read before and
  after the import and every call, and after every other request that ran the student's
  code; a change is recorded and undone, so that it costs only the rule, not every later
  check. Seeding the random generator is allowed: it is not among them.
- **Calls are independent.** The first call of each function that returned is kept as an
  example (a pristine copy of its arguments, its answer, the random state and settings it
  ran under). `replay` calls it again after all the checks: with fresh equal arguments,
  with the very same objects again (a function of plain values, cheap to call, until it was
  called eight times in all), and with the same objects holding new values (after the answer
  for those values was computed on fresh objects). Caches keyed on `id()`,
  `functools.lru_cache` (fresh copies of a function argument cannot be hashed, as any
  callable may be), mutable default arguments and counters show as a different answer.
  Every argument object of an observed call is kept alive, so that an `id()` is never
  reused during grading: a cache keyed on ids cannot make an ordinary check's verdict
  depend on where memory happened to be reused (it is judged here, always the same way).
- **Imports** of the student's module (import statements at any level, `__import__`,
  `importlib.import_module`, executed at import time or later inside a function) must be
  torch, math or the standard library; module-level names holding anything else are seen
  too. What torch itself imports (numpy) is not the student's.

Findings travel as data (`protocol.RuleViolation`); the grader words them. This module
depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import builtins
import copy
import functools
import importlib
import inspect
import linecache
import math
import random
import sys
import types

import torch
import torch.nn as nn

ALLOWED_IMPORTS = frozenset({"torch", "math"}) | frozenset(sys.stdlib_module_names)
KEEP_ALIVE_BYTES = 256 * 1024 * 1024  # argument tensors kept alive, at most (then ids may be reused)
MAX_LEAVES = 256  # tensors looked at in one call's arguments
MAX_REPORTED = 60  # violations sent in one worker's life
# A function whose arguments are plain values (no tensor, no model: cheap to call) is replayed
# until it has been called this often in all (a counter that goes wrong after a few calls shows).
MIN_CALLS = 8


# ---------------------------------------------------------------- global settings


def _anomaly_set(enabled: bool) -> None:
    torch.set_anomaly_enabled(enabled, torch.is_anomaly_check_nan_enabled())


def _anomaly_nan_set(check_nan: bool) -> None:
    torch.set_anomaly_enabled(torch.is_anomaly_enabled(), check_nan)


def _deterministic_set(enabled: bool) -> None:
    torch.use_deterministic_algorithms(enabled, warn_only=torch.is_deterministic_algorithms_warn_only_enabled())


def _deterministic_warn_set(warn_only: bool) -> None:
    torch.use_deterministic_algorithms(torch.are_deterministic_algorithms_enabled(), warn_only=warn_only)


_INFERENCE_OFF: list = []  # inference-mode-off guards held for the rest of the worker's life


def _inference_set(enabled: bool) -> None:
    if not enabled:  # a `torch.inference_mode()` entered and never left: hold it off from here on
        guard = torch.inference_mode(False)
        guard.__enter__()
        _INFERENCE_OFF.append(guard)


def _pop_dispatch_mode() -> None:
    from torch.utils._python_dispatch import _pop_mode

    _pop_mode()


def _pop_modes(length: int, size, pop) -> None:
    while size() > length:
        pop()


def _cudnn(flag: str):
    return (lambda: bool(getattr(torch.backends.cudnn, flag)),
            lambda value: setattr(torch.backends.cudnn, flag, value))


def _print_options() -> tuple:
    options = torch._tensor_str.PRINT_OPTS
    return (options.precision, options.threshold, options.edgeitems, options.linewidth, options.sci_mode)


def _set_print_options(values: tuple) -> None:
    precision, threshold, edgeitems, linewidth, sci_mode = values
    torch.set_printoptions(precision=precision, threshold=threshold, edgeitems=edgeitems, linewidth=linewidth,
                           sci_mode=sci_mode)


def _flush_denormal() -> bool:
    """No getter exists: a subnormal float32 that reads back as 0 says it is on."""
    return bool(torch.tensor([1e-40], dtype=torch.float32)[0] == 0)


def _settings_table() -> list[tuple[str, object, object]]:
    """(key, read, restore) for every global setting this torch has."""
    C = torch._C
    table = [
        ("default_dtype", torch.get_default_dtype, torch.set_default_dtype),
        ("grad_enabled", torch.is_grad_enabled, torch.set_grad_enabled),
        ("inference_mode", torch.is_inference_mode_enabled, _inference_set),
        ("anomaly_enabled", torch.is_anomaly_enabled, _anomaly_set),
        ("anomaly_check_nan", getattr(torch, "is_anomaly_check_nan_enabled", None), _anomaly_nan_set),
        ("num_threads", torch.get_num_threads, torch.set_num_threads),
        ("num_interop_threads", torch.get_num_interop_threads, torch.set_num_interop_threads),
        ("deterministic_algorithms", torch.are_deterministic_algorithms_enabled, _deterministic_set),
        ("deterministic_warn_only", getattr(torch, "is_deterministic_algorithms_warn_only_enabled", None),
         _deterministic_warn_set),
        ("float32_matmul_precision", getattr(torch, "get_float32_matmul_precision", None),
         getattr(torch, "set_float32_matmul_precision", None)),
        ("torch_function_modes", getattr(C, "_len_torch_function_stack", None),
         lambda n: _pop_modes(n, C._len_torch_function_stack, C._pop_torch_function_stack)),
        ("dispatch_modes", getattr(C, "_len_torch_dispatch_stack", None),
         lambda n: _pop_modes(n, C._len_torch_dispatch_stack, _pop_dispatch_mode)),
        ("default_device", getattr(torch, "get_default_device", None), getattr(torch, "set_default_device", None)),
        ("forward_ad_enabled", getattr(C, "_is_fwd_grad_enabled", None), getattr(C, "_set_fwd_grad_enabled", None)),
        ("autocast_cpu", lambda: torch.is_autocast_enabled("cpu"), lambda v: torch.set_autocast_enabled("cpu", v)),
        ("mkldnn_enabled", getattr(C, "_get_mkldnn_enabled", None), getattr(C, "_set_mkldnn_enabled", None)),
        ("autograd_multithreading", getattr(C, "_is_multithreading_enabled", None),
         getattr(C, "_set_multithreading_enabled", None)),
        ("cudnn_enabled", *_cudnn("enabled")),
        ("cudnn_deterministic", *_cudnn("deterministic")),
        ("cudnn_benchmark", *_cudnn("benchmark")),
        ("warn_always", getattr(torch, "is_warn_always_enabled", None), getattr(torch, "set_warn_always", None)),
        ("print_options", _print_options, _set_print_options),
        ("flush_denormal", _flush_denormal, torch.set_flush_denormal),
    ]
    usable = []
    for key, read, restore in table:
        if read is None:
            continue
        try:
            read()
        except Exception:  # not in this torch version
            continue
        usable.append((key, read, restore))
    return usable


_SETTINGS = _settings_table()
_KEYS = [key for key, _, _ in _SETTINGS]
_READERS = [read for _, read, _ in _SETTINGS]
# Read around every call (under a microsecond each); the others (default device, cuDNN flags)
# are read after every request, and a change there is the module's.
_SLOW = {"default_device", "cudnn_enabled", "cudnn_deterministic", "cudnn_benchmark", "print_options",
         "flush_denormal"}
_FAST_KEYS = [key for key in _KEYS if key not in _SLOW]
_FAST_READERS = [read for key, read in zip(_KEYS, _READERS) if key not in _SLOW]


def _same_setting(read, value) -> bool:
    try:
        return read() == value
    except Exception:
        return True


def read_fast_settings() -> dict:
    try:
        return dict(zip(_FAST_KEYS, [read() for read in _FAST_READERS]))
    except Exception:
        return {key: value for key, value in read_settings().items() if key not in _SLOW}


def read_settings() -> dict:
    try:
        return dict(zip(_KEYS, [read() for read in _READERS]))
    except Exception:  # a getter broken (by graded code, say): read them one by one
        pass
    values = {}
    for key, read in zip(_KEYS, _READERS):
        try:
            values[key] = read()
        except Exception:
            values[key] = "<unreadable>"
    return values


def restore_settings(wanted: dict, now: dict | None = None) -> None:
    """Put back every setting that differs from `wanted` (modes first: the default device is one)."""
    now = read_settings() if now is None else now
    for key, _, restore in _SETTINGS:
        if restore is not None and key in wanted and now.get(key) != wanted[key]:
            try:
                restore(wanted[key])
            except Exception:  # some cannot be set twice (interop threads): leave it
                pass


def _shown(value) -> object:
    return value if isinstance(value, (bool, int, float)) else str(value)


# ---------------------------------------------------------------- arguments


def _int_view(t: torch.Tensor) -> torch.Tensor:
    """The tensor's bytes, one row per element (for bit-for-bit comparison)."""
    flat = t.reshape(-1)
    if flat.dtype == torch.bool:
        flat = flat.view(torch.uint8)
    return flat.view(torch.uint8).reshape(flat.numel(), -1) if flat.numel() else flat.view(torch.uint8)


_INTS = {1: torch.uint8, 2: torch.int16, 4: torch.int32, 8: torch.int64}


def _bits(t: torch.Tensor) -> torch.Tensor:
    """The same elements as integers of the same size (a view, whatever the strides)."""
    if t.dtype == torch.complex128:
        t = torch.view_as_real(t)
    elif t.dtype == torch.bool:
        return t.view(torch.uint8)
    return t.view(_INTS[t.element_size()])


def _first_difference(before: torch.Tensor, after: torch.Tensor) -> int | None:
    """The flat index of the first element whose bits differ, or None when all are equal."""
    if before.numel() == 0:
        return None
    try:
        if torch.equal(_bits(before), _bits(after)):  # the common case, without a copy
            return None
    except (KeyError, RuntimeError):
        pass
    a, b = _int_view(before.contiguous()), _int_view(after.contiguous())
    if torch.equal(a, b):
        return None
    return int((a != b).any(dim=1).nonzero()[0, 0])


def _number(t: torch.Tensor, index: int):
    value = t.reshape(-1)[index].item()
    return value if isinstance(value, (bool, int, float)) else str(value)


def _values_equal(before: torch.Tensor, after: torch.Tensor) -> bool:
    """Equal as numbers (-0.0 == 0.0; NaN where NaN was)."""
    if before.is_floating_point() or before.is_complex():
        return bool(((before == after) | (before.isnan() & after.isnan())).all())
    return bool(torch.equal(before, after))


def _index(shape, flat: int) -> list[int]:
    index = []
    for size in reversed(list(shape)):
        index.append(flat % size if size else 0)
        flat = flat // size if size else 0
    return list(reversed(index))


class _TensorLeaf:
    """One tensor argument (or nested in one) as it was before the call."""

    __slots__ = ("path", "tensor", "meta", "requires_grad", "retains_grad", "version", "bits", "grad", "_same")

    def __init__(self, path: str, t: torch.Tensor):
        self.path, self.tensor = path, t
        self.meta = (t.dtype, t.shape, t.stride(), t.storage_offset())
        self.requires_grad = t.requires_grad
        self.retains_grad = t.retains_grad
        self.version = t._version
        self.bits = t.detach().clone(memory_format=torch.contiguous_format)
        grad = t.grad if t.is_leaf else None
        self.grad = None if grad is None else grad.detach().clone(memory_format=torch.contiguous_format)
        try:
            self._same = _bits(self.bits)
        except (KeyError, RuntimeError):
            self._same = None

    def _unchanged(self, t: torch.Tensor) -> bool:
        """The common case, at little cost: nothing about the tensor changed."""
        if self._same is None or self.grad is not None or t._version != self.version \
                or t.requires_grad != self.requires_grad or t.retains_grad != self.retains_grad \
                or (t.dtype, t.shape, t.stride(), t.storage_offset()) != self.meta:
            return False
        if t.is_leaf and t.grad is not None:
            return False
        return t.numel() == 0 or torch.equal(self._same, _bits(t.detach()))

    def changes(self) -> list[dict]:
        t, out = self.tensor, []
        if self._unchanged(t):
            return out
        dtype, shape, stride, offset = self.meta

        def change(what: str, before, after, **more) -> None:
            out.append({"argument": self.path, "change": what, "before": before, "after": after, **more})

        if t.dtype != dtype:
            change("dtype", str(dtype), str(t.dtype))
        elif t.shape != shape:
            change("shape", list(shape), list(t.shape))
        else:
            if t.stride() != stride or t.storage_offset() != offset:
                change("strides", list(stride), list(t.stride()))
            now = t.detach()
            index = _first_difference(self.bits, now)
            if index is not None:
                change("values", _number(self.bits, index), _number(now, index),
                       index=_index(shape, index), values_equal=_values_equal(self.bits, now),
                       versions=[self.version, t._version])
            elif t._version != self.version:
                change("version", self.version, t._version, values_equal=True)
        if bool(t.requires_grad) != self.requires_grad:
            change("requires_grad", self.requires_grad, bool(t.requires_grad))
        if bool(t.retains_grad) != self.retains_grad:
            change("retains_grad", self.retains_grad, bool(t.retains_grad))
        grad = t.grad if t.is_leaf else None
        if (grad is None) != (self.grad is None):
            change("grad", "None" if self.grad is None else "a tensor", "None" if grad is None else "a tensor")
        elif grad is not None:
            same = grad.shape == self.grad.shape and grad.dtype == self.grad.dtype \
                and _first_difference(self.grad, grad.detach()) is None
            if not same:
                change("grad", "a tensor", "a different tensor")
        return out


class _ModuleLeaf:
    """An nn.Module argument: its parameters and buffers, by name."""

    def __init__(self, path: str, module: nn.Module):
        self.path, self.module = path, module
        self.held = dict(_module_tensors(module))
        self.leaves = [_TensorLeaf(f"{path}.{name}", t) for name, t in self.held.items()][:MAX_LEAVES]

    def changes(self) -> list[dict]:
        now = dict(_module_tensors(self.module))
        if set(now) != set(self.held):
            gone, new = sorted(set(self.held) - set(now)), sorted(set(now) - set(self.held))
            return [{"argument": self.path, "change": "parameters", "before": gone, "after": new}]
        out = []
        for name, t in self.held.items():
            if now[name] is not t:
                out.append({"argument": f"{self.path}.{name}", "change": "replaced", "before": "", "after": ""})
        replaced = {c["argument"] for c in out}
        for leaf in self.leaves:
            if leaf.path not in replaced:
                out += leaf.changes()
        return out


def _module_tensors(module: nn.Module):
    try:
        yield from module.named_parameters(remove_duplicate=False)
        yield from module.named_buffers(remove_duplicate=False)
    except Exception:  # a student's module that breaks named_parameters: nothing to compare
        return


def _leaves(value, path: str, out: list, seen: set, depth: int = 0) -> None:
    if len(out) >= MAX_LEAVES or depth > 8:
        return
    if isinstance(value, torch.Tensor):
        out.append(_TensorLeaf(path, value))
    elif isinstance(value, nn.Module):
        if id(value) not in seen:
            seen.add(id(value))
            out.append(_ModuleLeaf(path, value))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(list(value)[:MAX_LEAVES]):
            _leaves(item, f"{path}[{i}]", out, seen, depth + 1)
    elif isinstance(value, dict):
        for key, item in list(dict.items(value))[:MAX_LEAVES]:
            _leaves(item, f"{path}[{key!r}]", out, seen, depth + 1)


def _bytes_of(value, depth: int = 0) -> int:
    if isinstance(value, torch.Tensor):
        return value.untyped_storage().nbytes()
    if depth < 8 and isinstance(value, (list, tuple)):
        return sum(_bytes_of(v, depth + 1) for v in value)
    if depth < 8 and isinstance(value, dict):
        return sum(_bytes_of(v, depth + 1) for v in dict.values(value))
    return 0


_SIGNATURES: dict[int, tuple[object, list[str], str | None]] = {}


def parameter_names(function, count: int, keywords) -> list[str]:
    """The names of a call's arguments, from the function's signature: "x", "W1", "args[2]"."""
    known = _SIGNATURES.get(id(function))
    if known is None or known[0] is not function:
        try:
            parameters = list(inspect.signature(function).parameters.values())
        except (TypeError, ValueError):
            parameters = []
        known = (function, [p.name for p in parameters if p.kind in (inspect.Parameter.POSITIONAL_ONLY,
                                                                     inspect.Parameter.POSITIONAL_OR_KEYWORD)],
                 next((p.name for p in parameters if p.kind == inspect.Parameter.VAR_POSITIONAL), None))
        _SIGNATURES[id(function)] = known
    _, positional, star = known
    names = [positional[i] if i < len(positional) else f"{star}[{i - len(positional)}]" if star
             else f"argument {i + 1}" for i in range(count)]
    return names + [str(k) for k in keywords]


# ---------------------------------------------------------------- fresh copies (independence)


class EngineCallable:
    """A fresh copy of a function argument: calls the function (its result times `scale`).

    It cannot be hashed, as any callable object may not be: a cache that needs hashable
    arguments (`functools.lru_cache`) fails on it where the contract accepts any function."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, function, scale: float = 1.0):
        try:
            functools.update_wrapper(self, function)
        except Exception:
            pass
        self.function, self.scale = function, scale

    def __call__(self, *args, **kwargs):
        value = self.function(*args, **kwargs)
        return value if self.scale == 1.0 else value * self.scale

    def __eq__(self, other):
        return isinstance(other, EngineCallable) and other.function is self.function and other.scale == self.scale


class _Fn:
    """A function argument, as the pristine copy of a call holds it."""

    def __init__(self, function, scale: float = 1.0):
        self.function, self.scale = function, scale


class _NotCopyable(Exception):
    pass


class _Copier:
    """Copies of a call's arguments: each tensor gets a storage of its own (views of one storage
    stay views of one new storage, with the same sizes, strides and offset), modules are
    deep-copied, function arguments become `_Fn` (pristine) or `EngineCallable` (fresh).
    With `transform`, values change: floats x -> x/2 + 1/4, integers and booleans rolled by one,
    a function's result doubled. With `views`, each tensor of more than one element becomes a
    non-contiguous view (every other element of a storage of its own) holding the same values."""

    def __init__(self, *, fresh: bool, transform: bool = False, views: bool = False):
        self.fresh, self.transform, self.views = fresh, transform, views
        self.storages: dict[int, object] = {}
        self.memo: dict[int, tuple[object, object]] = {}

    def copy(self, value, depth: int = 0):
        if depth > 8:
            raise _NotCopyable("nested too deeply")
        known = self.memo.get(id(value))
        if known is not None and known[0] is value:  # the same object twice: one copy, used twice
            return known[1]
        out = self._copy(value, depth)
        self.memo[id(value)] = (value, out)  # the original kept alive: its id stays its own
        return out

    def _storage(self, t: torch.Tensor):
        storage = t.untyped_storage()
        key = storage.data_ptr()  # the originals are alive: their storages' addresses are their own
        if not key or key not in self.storages:
            new = storage.clone()
            if self.transform and new.nbytes():
                flat = torch.empty(0, dtype=t.dtype).set_(new, 0, (new.nbytes() // t.element_size(),), (1,))
                with torch.no_grad():
                    if flat.is_floating_point() or flat.is_complex():
                        flat.mul_(0.5).add_(0.25)
                    else:
                        flat.copy_(flat.roll(1))
            if not key:
                return new  # empty: nothing to share
            self.storages[key] = new
        return self.storages[key]

    def _tensor(self, t: torch.Tensor) -> torch.Tensor:
        if t.layout != torch.strided or t.device.type != "cpu" or type(t) not in (torch.Tensor, nn.Parameter) \
                or t.is_conj() or t.is_neg() or t.is_inference():
            raise _NotCopyable("tensor kind")
        if self.views and t.numel() > 1:  # a storage of its own already: no clone of t's first
            new = _non_contiguous(t.detach())
        else:
            new = torch.empty(0, dtype=t.dtype).set_(self._storage(t), t.storage_offset(), t.size(), t.stride())
        if isinstance(t, nn.Parameter):
            return nn.Parameter(new, requires_grad=t.requires_grad)
        if t.requires_grad:
            new.requires_grad_(True)
        if t.is_leaf and t.grad is not None:
            new.grad = t.grad.detach().clone()
        return new

    def _copy(self, value, depth: int):
        if isinstance(value, torch.Tensor):
            return self._tensor(value)
        if value is None or isinstance(value, (bool, int, float, complex, str, bytes, torch.dtype)):
            return value
        if isinstance(value, _Fn):
            scale = value.scale * (2.0 if self.transform else 1.0)
            return EngineCallable(value.function, scale) if self.fresh else _Fn(value.function, scale)
        if isinstance(value, types.FunctionType):
            return _Fn(value)
        if isinstance(value, tuple):
            items = [self.copy(v, depth + 1) for v in value]
            return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
        if isinstance(value, list):
            return type(value)(self.copy(v, depth + 1) for v in value)
        if isinstance(value, dict):
            out = copy.copy(value)
            for k, v in dict.items(value):
                out[k] = self.copy(v, depth + 1)
            return out
        if isinstance(value, nn.Module):
            try:
                model = copy.deepcopy(value)
            except Exception as exc:
                raise _NotCopyable("module") from exc
            if self.transform:
                with torch.no_grad():
                    for _, t in _module_tensors(model):
                        if t.is_floating_point():
                            t.mul_(0.5).add_(0.25)
            return model
        raise _NotCopyable(type(value).__name__)


def _non_contiguous(t: torch.Tensor) -> torch.Tensor:
    """The values of `t` in a storage of their own, laid out so that the result is not
    contiguous and cannot be flattened by .view(-1): column-major (a transposed copy seen
    back through .mT), or else every other element of a wider storage."""
    if t.dim() >= 2:
        new = t.mT.contiguous().mT
        if not new.is_contiguous():
            return new
    holder = torch.zeros((*t.shape, 2), dtype=t.dtype).transpose(0, -1) if t.dim() else torch.zeros(2, dtype=t.dtype)
    new = holder[0].transpose(0, -1) if t.dim() >= 2 else holder[0]
    new.copy_(t)
    return new


def _write_into(target, source, depth: int = 0, bump: bool = True) -> bool:
    """Give the objects of a fresh copy (`target`) the values of a pristine one (`source`), in
    place: the same objects (same ids) holding those values. False when they no longer fit.
    Without `bump`, version counters stay as they were: the objects look like new tensors
    made where freed ones had been (Python reuses the ids of freed objects)."""
    if depth > 8:
        return False
    if isinstance(target, torch.Tensor):
        if not isinstance(source, torch.Tensor) or target.shape != source.shape or target.dtype != source.dtype \
                or target.stride() != source.stride():
            return False
        mine, theirs = target.untyped_storage(), source.untyped_storage()
        if mine.nbytes() != theirs.nbytes():
            return False
        mine.copy_(theirs)
        if bump:
            torch._C._increment_version([target])  # written in place, as an in-place op would
        if target.is_leaf and target.requires_grad != source.requires_grad:
            target.requires_grad_(source.requires_grad)
        if target.is_leaf:
            target.grad = None if source.grad is None else source.grad.detach().clone()
        return True
    if isinstance(target, EngineCallable):
        if not isinstance(source, _Fn):
            return False
        target.scale = source.scale
        return True
    if isinstance(target, nn.Module):
        if not isinstance(source, nn.Module):
            return False
        mine, theirs = dict(_module_tensors(target)), dict(_module_tensors(source))
        if set(mine) != set(theirs):
            return False
        for name, t in mine.items():
            if t.shape != theirs[name].shape or t.dtype != theirs[name].dtype:
                return False
            with torch.no_grad():
                (t.copy_ if bump else t.data.copy_)(theirs[name])
            if t.is_leaf and t.is_floating_point():
                t.requires_grad_(theirs[name].requires_grad)
            if t.is_leaf:
                t.grad = None if theirs[name].grad is None else theirs[name].grad.detach().clone()
        for a, b in zip(target.modules(), source.modules()):
            a.training = b.training
        return True
    if isinstance(target, (list, tuple)):
        return isinstance(source, (list, tuple)) and len(target) == len(source) and \
            all(_write_into(a, b, depth + 1, bump) for a, b in zip(target, source))
    if isinstance(target, dict):
        return isinstance(source, dict) and list(target) == list(source) and \
            all(_write_into(target[k], source[k], depth + 1, bump) for k in target)
    return True  # numbers, strings: immutable, equal by construction


def _has_new_values(value, depth: int = 0, functions: bool = True) -> bool:
    """Whether a transformed copy differs at all (a tensor, a module or, with `functions`, a
    function in it)."""
    if isinstance(value, (torch.Tensor, nn.Module)) or (functions and isinstance(value, _Fn)):
        return True
    if depth < 8 and isinstance(value, (list, tuple)):
        return any(_has_new_values(v, depth + 1, functions) for v in value)
    if depth < 8 and isinstance(value, dict):
        return any(_has_new_values(v, depth + 1, functions) for v in dict.values(value))
    return False


def _usable_example(value, depth: int = 0) -> bool:
    """An example worth replaying: no empty tensor (a new value would change nothing)."""
    if isinstance(value, torch.Tensor):
        return value.numel() > 0
    if depth < 8 and isinstance(value, (list, tuple)):
        return all(_usable_example(v, depth + 1) for v in value)
    if depth < 8 and isinstance(value, dict):
        return all(_usable_example(v, depth + 1) for v in dict.values(value))
    return True


# ---------------------------------------------------------------- answers compared


class _Raised:
    def __init__(self, exc: BaseException):
        self.type = type(exc).__name__
        try:
            self.message = str(exc)[:200]
        except Exception:
            self.message = ""


def fingerprint(value, depth: int = 0):
    """What an answer is, for comparison with another call's: tensors copied, modules by their
    state, containers item by item, other objects by their type."""
    if isinstance(value, _Raised):
        return ("raised", value.type, value.message)
    if depth > 8:
        return ("deep",)
    if isinstance(value, torch.Tensor):
        return ("tensor", str(value.dtype), tuple(value.shape), bool(value.requires_grad),
                value.detach().clone(memory_format=torch.contiguous_format))
    if isinstance(value, nn.Module):
        try:
            state = [(k, fingerprint(v, depth + 1)) for k, v in value.state_dict().items()]
        except Exception:
            state = []
        return ("module", type(value).__qualname__, state)
    if isinstance(value, (list, tuple)):  # a namedtuple or a list subclass: its own name with it
        kind = "list" if isinstance(value, list) else "tuple"
        return (kind, [fingerprint(v, depth + 1) for v in list(value)[:100_000]], type(value).__qualname__)
    if isinstance(value, dict):
        return ("dict", [(repr(k)[:80], fingerprint(v, depth + 1)) for k, v in list(dict.items(value))[:1000]])
    if isinstance(value, float):
        return ("float", value)
    if value is None or isinstance(value, (bool, int, str, complex)):
        return (type(value).__name__, value)
    return ("object", type(value).__qualname__)


def _short(fp) -> object:
    kind = fp[0]
    if kind == "tensor":
        return f"a tensor of shape {tuple(fp[2])} ({fp[1].replace('torch.', '')})"
    if kind == "raised":
        return f"{fp[1]}: {fp[2]}" if fp[2] else fp[1]
    if kind in ("float", "int", "bool", "str", "NoneType"):
        return fp[1]
    if kind in ("list", "tuple"):
        return f"a {kind} of {len(fp[1])}"
    if kind == "module":
        return f"a {fp[1]}"
    return f"a {fp[1] if kind == 'object' else kind}"


def difference(first, again, path: str = "", close: bool = False) -> dict | None:
    """Where two fingerprints differ first: {"path", "kind", "first", "again"}; None if equal.
    With `close`, floating-point values only need to agree to a relative 1e-4 (and NaN where
    NaN): what another memory order may change."""
    def found(kind: str, a, b) -> dict:
        return {"path": path, "kind": kind, "first": a, "again": b}

    if "unreadable" in (first[0], again[0]):
        return None
    if first[0] != again[0]:
        kind = "raised" if again[0] == "raised" else "type"
        return found(kind, _short(first), _short(again))
    kind = first[0]
    if kind == "tensor":
        if first[1] != again[1]:
            return found("dtype", first[1], again[1])
        if first[2] != again[2]:
            return found("shape", list(first[2]), list(again[2]))
        if first[3] != again[3]:
            return found("requires_grad", first[3], again[3])
        if close and first[4].is_floating_point():
            a, b = first[4].double(), again[4].double()
            near = torch.isclose(a, b, rtol=1e-4, atol=1e-4 * float(a.abs().nan_to_num(0, 0, 0).max()) if a.numel() else 0.0,
                                 equal_nan=True)
            bad = (~near).flatten().nonzero()
            if not len(bad):
                return None
            index = int(bad[0])
            return dict(found("value", _number(first[4], index), _number(again[4], index)),
                        index=_index(first[2], index))
        index = _first_difference(first[4], again[4])
        if index is None:
            return None
        return dict(found("value", _number(first[4], index), _number(again[4], index)),
                    index=_index(first[2], index))
    if kind == "float":
        a, b = first[1], again[1]
        if (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b)):
            return None
        if close and math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-12):
            return None
        return found("value", a, b)
    if kind in ("list", "tuple"):
        if first[2] != again[2]:
            return found("type", first[2], again[2])
        if len(first[1]) != len(again[1]):
            return found("length", len(first[1]), len(again[1]))
        for i, (a, b) in enumerate(zip(first[1], again[1])):
            d = difference(a, b, f"{path}[{i}]", close)
            if d:
                return d
        return None
    if kind in ("dict", "module"):
        items_a, items_b = (first[1], again[1]) if kind == "dict" else (first[2], again[2])
        if kind == "module" and first[1] != again[1]:
            return found("type", first[1], again[1])
        if [k for k, _ in items_a] != [k for k, _ in items_b]:
            return found("keys", [k for k, _ in items_a][:10], [k for k, _ in items_b][:10])
        for (k, a), (_, b) in zip(items_a, items_b):
            d = difference(a, b, f"{path}[{k}]" if kind == "dict" else f"{path}.{k}", close)
            if d:
                return d
        return None
    if kind == "raised":
        return None if first[1:] == again[1:] else found("raised", _short(first), _short(again))
    if first[1:] != again[1:]:
        return found("value", _short(first), _short(again))
    return None


class _Example:
    """The first call of a function that returned: what went in, what came out, and under what."""

    def __init__(self, args, kwargs, rng, settings):
        self.args, self.kwargs = args, kwargs  # pristine copies
        self.rng, self.settings = rng, settings
        self.answer = None
        self.labels: list[str] = []
        self.callables: list[str] = []  # the arguments that are functions (given unhashable in replays)


# ---------------------------------------------------------------- the rules


class ContractRules:
    """Observes the contract functions of one student module for the rules above."""

    def __init__(self, config: dict, module_name: str):
        self.functions = set(config.get("functions") or [])
        self.may_change = {k: set(v) for k, v in (config.get("may_change") or {}).items()}
        self.skip = {k: set(v) for k, v in (config.get("skip") or {}).items()}
        self.module_name = module_name
        self.seeding = bool(config.get("seeding", True))  # False: the results depend on the generator (ex9)
        self.importing = False
        self.student_globals: dict | None = None
        self.baseline = read_settings()
        self.violations: list[dict] = []  # not yet sent
        self.reported: set = set()  # keys of violations sent (each once)
        self.returned: set[str] = set()
        self.placeholders: set[str] = set()  # functions that raised the stub's NotImplementedError
        self.examples: dict[str, _Example] = {}
        self.calls: dict[str, int] = {}  # observed calls of each function, replays included
        self.kept: list = []  # every observed call's arguments, alive (see the module's docstring)
        self.kept_bytes = 0
        self.depth = 0  # inside an observed call: calls it makes are its own business
        self.replaying = False
        self.current: str | None = None
        self._wrappers: dict[str, tuple[object, object]] = {}

    # ---------------------------------------------------------- reporting

    def _note(self, violation: dict) -> None:
        key = tuple(sorted((k, repr(v)) for k, v in violation.items()
                           if k not in ("before", "after", "index", "versions", "first", "again", "call", "label")))
        if key in self.reported or len(self.reported) >= MAX_REPORTED:
            return
        self.reported.add(key)
        self.violations.append(violation)

    def drain(self) -> dict:
        report = {"violations": self.violations, "returned": sorted(self.returned),
                  "placeholders": sorted(self.placeholders)}
        self.violations = []
        return report

    # ---------------------------------------------------------- imports

    def install(self, module: types.ModuleType) -> None:
        """Before the student's module runs: watch its imports and remember the settings."""
        self.student_globals = module.__dict__
        self.baseline = read_settings()
        self.importing = True
        rules = self
        original_import, original_import_module = builtins.__import__, importlib.import_module

        def __import__(name, globals=None, locals=None, fromlist=(), level=0):
            imported = original_import(name, globals, locals, fromlist, level)
            # An import statement passes its module's globals; a call of __import__ may not.
            if level == 0 and (globals if globals is not None else sys._getframe(1).f_globals) \
                    is rules.student_globals:
                rules._imported(name)
            return imported

        def import_module(name, package=None):
            imported = original_import_module(name, package)
            if sys._getframe(1).f_globals is rules.student_globals:
                rules._imported(imported.__name__)
            return imported

        builtins.__import__ = __import__
        importlib.__import__ = __import__
        importlib.import_module = import_module
        self._watch_thread_setters()
        self._watch_numpy_method()

    def _watch_numpy_method(self) -> None:
        """`t.numpy()` hands the student's code numpy arrays (and their methods) without an
        import: numpy used all the same."""
        rules = self
        original = torch.Tensor.numpy

        def numpy(tensor, *args, **kwargs):
            if sys._getframe(1).f_globals is rules.student_globals:
                rules._note({"rule": "imports", "module": "numpy", "function": rules.current, "how": "method"})
            return original(tensor, *args, **kwargs)

        functools.update_wrapper(numpy, original)
        torch.Tensor.numpy = numpy

    def _watch_thread_setters(self) -> None:
        """A thread count set to the value it already has changes nothing a reading can see
        (the worker runs on one thread; `torch.set_num_threads(1)` is the usual call), yet on
        the student's own machine it changes the caller's: the call itself is the finding. So
        is seeding, where the exercise's results depend on the generator (`seeding = false`)."""
        setters = [("num_threads", "set_num_threads", (torch, torch._C)),
                   ("num_interop_threads", "set_num_interop_threads", (torch, torch._C))]
        if not self.seeding:
            setters += [("random_seed", "manual_seed", (torch, torch.random)),
                        ("random_seed", "seed", (torch, torch.random))]
        readers = {"num_threads": torch.get_num_threads, "num_interop_threads": torch.get_num_interop_threads}
        for key, name, namespaces in setters:
            original = getattr(namespaces[0], name, None)
            if original is None:
                continue
            setter = self._setter(key, name, original, readers.get(key))
            for namespace in namespaces:
                if getattr(namespace, name, None) is original:
                    setattr(namespace, name, setter)

    def _setter(self, key: str, name: str, original, read=None):
        """`original` wrapped: a call from the student's module is noted, unless it changes a
        setting the readings around calls see (then they tell it, with before and after)."""
        rules = self

        def setter(*args, **kwargs):
            unseen = read is None or not args or _same_setting(read, args[0])
            if unseen and sys._getframe(1).f_globals is rules.student_globals:
                shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
                during = "call" if rules.current else "import" if rules.importing else "code"
                rules._note({"rule": "global_state", "function": rules.current, "during": during, "setting": key,
                             "before": "", "after": _shown(args[0] if args else None),
                             "set_by": f"torch.{name}({shown})"})
            return original(*args, **kwargs)

        try:
            functools.update_wrapper(setter, original)
        except Exception:
            pass
        return setter

    def _imported(self, name: str) -> None:
        top = str(name).partition(".")[0]
        if top and top not in ALLOWED_IMPORTS and top != self.module_name:
            self._note({"rule": "imports", "module": top, "function": self.current, "how": "import"})

    def scan(self, module: types.ModuleType | None) -> None:
        """Module-level names holding a module (or a function or class of one) not allowed:
        `np = sys.modules["numpy"]` imports nothing, but uses numpy all the same."""
        if module is None:
            return
        for name, value in list(vars(module).items()):
            if name.startswith("__"):
                continue
            if isinstance(value, types.ModuleType):
                owner = value.__name__
            elif isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)) or callable(value):
                owner = getattr(value, "__module__", None)
                if not isinstance(owner, str):
                    continue
            else:
                continue
            top = owner.partition(".")[0]
            if top and top not in ALLOWED_IMPORTS and top != self.module_name:
                self._note({"rule": "imports", "module": top, "function": None, "how": "global", "name": name})

    def imported(self, module: types.ModuleType) -> None:
        """After the student's module ran: what it changed, undone."""
        self.importing = False
        self._settings_changed(self.baseline, None, "import")
        self.scan(module)

    # ---------------------------------------------------------- global settings

    def _settings_changed(self, wanted: dict, function: str | None, during: str, label: str = "") -> None:
        now = read_settings() if len(wanted) == len(_KEYS) else read_fast_settings()
        changed = [key for key in wanted if now.get(key) != wanted[key]]
        if not changed:
            return
        for key in changed:
            if function is None or "global_state" not in self.skip.get(function, ()):
                self._note({"rule": "global_state", "function": function, "during": during, "setting": key,
                            "before": _shown(wanted[key]), "after": _shown(now.get(key)),
                            "call" if function else "label": label})
        restore_settings(wanted, now)

    def after_request(self, label: str, student_code: bool) -> None:
        """After any request: settings back as found; a change by the student's own code (a
        model's forward, a property) that no contract call explains is the module's."""
        if student_code:
            self._settings_changed(self.baseline, None, "request", label)
        else:
            restore_settings(self.baseline)

    # ---------------------------------------------------------- calls

    def observe(self, name: str, function, args, kwargs, run):
        """Run one call of a contract function (`run()`) under the rules."""
        if self.depth or name not in self.functions:
            return run()
        skip = self.skip.get(name, set())
        settings = read_fast_settings()
        names = parameter_names(function, len(args), kwargs)
        leaves: list = []
        if "arguments" not in skip:
            may = self.may_change.get(name, set())
            seen: set = set()
            for arg_name, value in zip(names, [*args, *kwargs.values()]):
                if "*" not in may and arg_name not in may:
                    _leaves(value, arg_name, leaves, seen)
        example = None
        if not self.replaying and name not in self.examples and "independent" not in skip \
                and _usable_example([args, kwargs]):
            try:
                copier = _Copier(fresh=False)
                example = _Example(copier.copy(list(args)), copier.copy(dict(kwargs)),
                                   (torch.get_rng_state(), random.getstate()), read_settings())
                example.labels = names
                example.callables = [n for n, a in zip(names, [*args, *kwargs.values()])
                                     if isinstance(a, types.FunctionType)]
            except Exception:  # _NotCopyable, or a copy that failed: no example from this call
                example = None
        self._keep(args, kwargs, leaves)
        self.calls[name] = self.calls.get(name, 0) + 1
        self.depth += 1
        previous, self.current = self.current, name
        try:
            value = run()
        except BaseException as exc:
            if isinstance(exc, NotImplementedError) and _placeholder(exc, self.student_globals):
                self.placeholders.add(name)
            raise
        else:
            self.returned.add(name)
            if example is not None:
                try:
                    example.answer = fingerprint(value)
                    self.examples[name] = example
                except Exception:  # an answer that cannot be read back alike: no example from this call
                    pass
            return value
        finally:
            self.depth -= 1
            self.current = previous
            call = f"{name}({', '.join(names)})"
            for leaf in leaves:
                try:
                    changes = leaf.changes()
                except Exception:  # a tensor left in a state that cannot be compared
                    changes = [{"argument": leaf.path, "change": "replaced", "before": "", "after": ""}]
                for change in changes:
                    self._note({"rule": "arguments", "function": name, "call": call, **change})
            if "global_state" not in skip:
                self._settings_changed(settings, name, "call", call)
            else:
                restore_settings(settings)

    def _keep(self, args, kwargs, leaves: list) -> None:
        size = sum(leaf.tensor.untyped_storage().nbytes() for leaf in leaves if isinstance(leaf, _TensorLeaf)) \
            if leaves else _bytes_of([args, kwargs])
        if self.kept_bytes + size <= KEEP_ALIVE_BYTES:
            self.kept.append((args, kwargs))
            self.kept_bytes += size

    def view(self, module: types.ModuleType) -> types.ModuleType:
        """The module as a check's worker function sees it: calls of contract functions
        through it are observed (the student's own module and its functions stay untouched)."""
        return _ContractView(module, self)

    def wrapped(self, name: str, value):
        if name not in self.functions or not callable(value) or isinstance(value, type):
            return value
        cached = self._wrappers.get(name)
        if cached is not None and cached[0] is value:
            return cached[1]
        rules = self

        def contract_function(*args, **kwargs):
            return rules.observe(name, value, args, kwargs, lambda: value(*args, **kwargs))

        try:
            functools.update_wrapper(contract_function, value)
        except Exception:
            pass
        self._wrappers[name] = (value, contract_function)
        return contract_function

    # ---------------------------------------------------------- independence

    def replay(self, name: str, function) -> bool:
        """Call the function's example again, three ways (see the module's docstring).
        False when there is no example in this worker."""
        example = self.examples.get(name)
        if example is None or example.answer is None:
            return False
        torch_rng, python_rng = torch.get_rng_state(), random.getstate()
        self.replaying = True
        try:
            before = len(self.reported)
            self._replay(name, function, example)
            call = f"{name}({', '.join(example.labels)})"
            if len(self.reported) == before:  # answered alike so far: now on views (one finding is enough)
                self._replay_on_views(name, function, example, call)
            if len(self.reported) == before:
                self._replay_freed(name, function, example, call)
        except Exception:  # the engine's own failure (the student's errors are answers, in _call)
            pass
        finally:
            self.replaying = False
            torch.set_rng_state(torch_rng)
            random.setstate(python_rng)
            restore_settings(self.baseline)
        return True

    def _call(self, name: str, function, example: _Example, args, kwargs, writes=None):
        """One replayed call, under the rules, with the example's random state and settings
        (and under `writes`, a _WriteWatch, if given)."""
        torch.set_rng_state(example.rng[0])
        random.setstate(example.rng[1])
        restore_settings(example.settings)
        if writes is not None:
            writes.__enter__()
        try:
            value = self.observe(name, function, args, kwargs, lambda: function(*args, **kwargs))
        except Exception as exc:  # the replay's answer is the error (KeyboardInterrupt, SystemExit pass)
            return fingerprint(_Raised(exc))
        finally:
            if writes is not None:
                writes.close()
            restore_settings(self.baseline)
        try:
            return fingerprint(value)
        except Exception:  # an answer the engine cannot read back: compared with nothing
            return ("unreadable",)

    def _replay(self, name: str, function, example: _Example) -> None:
        call = f"{name}({', '.join(example.labels)})"

        def judge(how: str, first, again) -> None:
            try:
                found = difference(first, again)
            except Exception:  # answers the engine cannot compare: no finding
                return
            if found is not None:
                self._note({"rule": "independent", "function": name, "call": call, "how": how,
                            "callables": example.callables, **found})

        def prepared(make):
            """The engine's own part of a step (copies, values written in): None when it cannot."""
            try:
                return make()
            except Exception:
                return None

        fresh = _Copier(fresh=True)
        copied = prepared(lambda: (fresh.copy(example.args), fresh.copy(example.kwargs)))
        if copied is None:
            return
        args, kwargs = copied
        watched = _argument_storages(name, example.labels, args, kwargs, self.may_change.get(name, set()))
        writes = _WriteWatch(watched) if watched and "arguments" not in self.skip.get(name, ()) else None
        judge("fresh", example.answer, self._call(name, function, example, args, kwargs, writes))
        if writes is not None and writes.found:
            argument, op = writes.found
            self._note({"rule": "arguments", "function": name, "call": call, "argument": argument,
                        "change": "written", "before": "", "after": op})
        repeats = 1 if _has_new_values([example.args, example.kwargs], functions=False) \
            else max(1, min(6, MIN_CALLS - self.calls.get(name, 0)))
        for _ in range(repeats):
            if prepared(lambda: _write_into([args, kwargs], [example.args, example.kwargs])):
                judge("repeat", example.answer, self._call(name, function, example, args, kwargs))
        if not _has_new_values([example.args, example.kwargs]):
            return
        changed = _Copier(fresh=False, transform=True)
        other = _Copier(fresh=True)
        new = prepared(lambda: (changed.copy(example.args), changed.copy(example.kwargs)))
        if new is None:
            return
        new_args, new_kwargs = new
        copies = prepared(lambda: (other.copy(new_args), other.copy(new_kwargs)))
        if copies is None:
            return
        answer = self._call(name, function, example, *copies)
        try:
            if answer[0] == "raised" or difference(example.answer, answer) is None:
                return  # the new values change nothing (or are outside what the function takes)
        except Exception:
            return
        if prepared(lambda: _write_into([args, kwargs], [new_args, new_kwargs])):
            judge("recycled", answer, self._call(name, function, example, args, kwargs))


    def _direct(self, name: str, function, example: _Example, args, kwargs):
        """One call outside the rules' bookkeeping (its arguments are not kept alive), under
        the example's random state and settings; its answer as a fingerprint."""
        torch.set_rng_state(example.rng[0])
        random.setstate(example.rng[1])
        restore_settings(example.settings)
        previous, self.current = self.current, name
        try:
            value = function(*args, **kwargs)
        except Exception as exc:
            return fingerprint(_Raised(exc))
        finally:
            self.current = previous
            restore_settings(self.baseline)
        try:
            return fingerprint(value)
        except Exception:
            return ("unreadable",)

    def _replay_freed(self, name: str, function, example: _Example, call: str) -> None:
        """New tensors made where freed ones had been get the old ids, and a version counter of
        0 again: a cache keyed on ids, versions included, then answers for values that are
        gone. Python's reuse of memory cannot be forced, so it is played deterministically: the
        same objects given other values without their version counters moving. Called outside
        the rules' bookkeeping (the other replays judge arguments and settings)."""
        if not _has_tensor([example.args, example.kwargs]):
            return
        try:
            changed = _Copier(fresh=False, transform=True)
            other_args, other_kwargs = changed.copy(example.args), changed.copy(example.kwargs)
            fresh = _Copier(fresh=True)
            wanted = self._direct(name, function, example, fresh.copy(other_args), fresh.copy(other_kwargs))
            if wanted[0] == "raised" or difference(example.answer, wanted) is None:
                return  # the other values change nothing (or are outside what the function takes)
            same = _Copier(fresh=True)
            args, kwargs = same.copy(example.args), same.copy(example.kwargs)
            self._direct(name, function, example, args, kwargs)
            if not _write_into([args, kwargs], [other_args, other_kwargs], bump=False):
                return
            found = difference(wanted, self._direct(name, function, example, args, kwargs))
        except Exception:
            return
        if found is not None:
            self._note({"rule": "independent", "function": name, "call": call, "how": "freed", **found})

    def _replay_on_views(self, name: str, function, example: _Example, call: str) -> None:
        """The example again with its tensors as non-contiguous views of the same values (the
        contract: views, non-contiguous and expanded tensors are ordinary inputs). `.view(-1)`
        raises on them, `x.data = x.data.contiguous()` re-points the caller's tensor (the
        argument check sees its strides change). Values may differ in the last bits (another
        memory order sums in another order): only an error, a type or a shape is a finding."""
        if not _has_tensor([example.args, example.kwargs]):
            return
        try:
            views = _Copier(fresh=True, views=True)
            args, kwargs = views.copy(example.args), views.copy(example.kwargs)
        except Exception:
            return
        again = self._call(name, function, example, args, kwargs)
        try:
            found = difference(example.answer, again, close=True)
        except Exception:
            return
        if found is not None:
            self._note({"rule": "independent", "function": name, "call": call, "how": "views", **found})


def _argument_storages(name: str, labels: list, args, kwargs, may_change: set) -> dict[int, str]:
    """The storages of a call's tensor arguments (an nn.Module's parameters and buffers too),
    by address, with the argument's name; those it may change left out."""
    if "*" in may_change:
        return {}
    leaves: list = []
    seen: set = set()
    for label, value in zip(labels, [*args, *kwargs.values()]):
        if label not in may_change:
            _leaves(value, label, leaves, seen)
    storages = {}
    for leaf in leaves:
        for tensor_leaf in (leaf.leaves if isinstance(leaf, _ModuleLeaf) else [leaf]):
            t = tensor_leaf.tensor
            if t.numel():
                storages.setdefault(t.untyped_storage().data_ptr(), tensor_leaf.path)
    return storages


def _write_watch_class():
    from torch.utils._python_dispatch import TorchDispatchMode

    class WriteWatch(TorchDispatchMode):
        """Sees every operator that writes into a tensor (in place or `out=`) while it runs:
        a write into an argument's storage is a change, even when it is undone before the call
        returns (`x.data.sub_(m)` ... `x.data.add_(m)`: the version counter of `.data` is its own)."""

        @classmethod
        def _should_skip_dynamo(cls) -> bool:
            return False  # else torch wraps __torch_dispatch__ in _disable_dynamo: torch._dynamo imported, ~1 s

        def __init__(self, storages: dict[int, str]):
            super().__init__()
            self.storages, self.found = storages, None
            self.entered = False

        def __enter__(self):
            self.entered = True
            return super().__enter__()

        def close(self):
            if self.entered:
                self.entered = False
                try:
                    self.__exit__(None, None, None)
                except RuntimeError:  # popped by the code it watched: put back by the settings rule
                    pass

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            kwargs = kwargs or {}
            if self.found is None:
                schema = getattr(func, "_schema", None)
                for position, argument in enumerate(getattr(schema, "arguments", ())):
                    info = argument.alias_info
                    if info is None or not info.is_write:
                        continue
                    value = args[position] if position < len(args) else kwargs.get(argument.name)
                    if isinstance(value, torch.Tensor) and value.numel():
                        path = self.storages.get(value.untyped_storage().data_ptr())
                        if path is not None:
                            self.found = (path, str(schema.name).replace("aten::", ""))
                            break
            return func(*args, **kwargs)

    return WriteWatch


_WRITE_WATCH: list = []


def _WriteWatch(storages: dict[int, str]):
    if not _WRITE_WATCH:
        _WRITE_WATCH.append(_write_watch_class())
    return _WRITE_WATCH[0](storages)


def _has_tensor(value, depth: int = 0) -> bool:
    """Whether an argument list holds a tensor of more than one element (outside modules)."""
    if isinstance(value, torch.Tensor):
        return value.numel() > 1
    if depth < 8 and isinstance(value, (list, tuple)):
        return any(_has_tensor(v, depth + 1) for v in value)
    if depth < 8 and isinstance(value, dict):
        return any(_has_tensor(v, depth + 1) for v in dict.values(value))
    return False


def _placeholder(exc: BaseException, student_globals) -> bool:
    """A NotImplementedError raised by a `raise` of the student's own (the stub), not by torch
    (`x ^ 2` on floats raises one from inside an operator, in the student's line too)."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None or last.tb_frame.f_globals is not student_globals:
        return False
    line = linecache.getline(last.tb_frame.f_code.co_filename, last.tb_lineno)
    return line.lstrip().startswith("raise")


class _ContractView(types.ModuleType):
    """The student's module, with its contract functions observed (see ContractRules.view)."""

    def __init__(self, module: types.ModuleType, rules: ContractRules):
        super().__init__(module.__name__, module.__doc__)
        object.__setattr__(self, "_grader_module", module)
        object.__setattr__(self, "_grader_rules", rules)

    def __getattr__(self, name: str):
        module = object.__getattribute__(self, "_grader_module")
        value = getattr(module, name)
        return object.__getattribute__(self, "_grader_rules").wrapped(name, value)

    def __setattr__(self, name: str, value) -> None:
        setattr(object.__getattribute__(self, "_grader_module"), name, value)

    def __dir__(self):
        return dir(object.__getattribute__(self, "_grader_module"))
