"""The wire format between the grader and a worker: a JSON header plus raw tensor bytes.

Nothing here ever unpickles: a value from the worker is rebuilt from JSON and from
bytes read into a fresh tensor of a whitelisted dtype, so a hostile submission cannot
make the grader run code by returning a crafted object. Both sides import this module;
it holds no grading state.

Frame: 8-byte prefix (header length, body length, both big-endian u32), the UTF-8 JSON
header, then the body (tensor bytes laid end to end, offsets given in the header).
"""

from __future__ import annotations

import json
import math
import socket
import struct
import time

import numpy as np
import torch

MAX_FRAME = 64 * 1024 * 1024  # bytes; a reply larger than this is refused
MAX_DEPTH = 32

_PREFIX = struct.Struct(">II")

# dtype name -> (torch dtype, numpy dtype used to move its bytes)
_DTYPES = {
    "float64": (torch.float64, np.float64),
    "float32": (torch.float32, np.float32),
    "float16": (torch.float16, np.float16),
    "bfloat16": (torch.bfloat16, np.int16),
    "int64": (torch.int64, np.int64),
    "int32": (torch.int32, np.int32),
    "int16": (torch.int16, np.int16),
    "int8": (torch.int8, np.int8),
    "uint8": (torch.uint8, np.uint8),
    "bool": (torch.bool, np.bool_),
    "complex64": (torch.complex64, np.complex64),
    "complex128": (torch.complex128, np.complex128),
}
_DTYPE_NAMES = {torch_dtype: name for name, (torch_dtype, _) in _DTYPES.items()}


class WireError(Exception):
    """A frame that does not follow the format (truncated, oversized or malformed)."""


class Foreign:
    """Something the worker returned that is not a plain value: its type and a short repr.

    A tensor subclass arrives as a Foreign (with its data in `.tensor`) so that a check
    asking for a `torch.Tensor` can say "returned a MyTensor" instead of trusting it.
    """

    def __init__(self, type_name: str, text: str, tensor: torch.Tensor | None = None):
        self.type_name = type_name
        self.text = text
        self.tensor = tensor

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


class HandleRef:
    """A reference to an object that stays inside the worker (see `proxy.Remote`)."""

    def __init__(self, handle_id: int, type_name: str, text: str, is_module: bool, is_callable: bool):
        self.handle_id = handle_id
        self.type_name = type_name
        self.text = text
        self.is_module = is_module
        self.is_callable = is_callable


class FunctionSource:
    """Source code of a check's own function, to be defined and called inside the worker."""

    def __init__(self, name: str, source: str):
        self.name = name
        self.source = source


def type_name(obj) -> str:
    """'Agreeable', 'list', 'torch.Tensor', 'torch.nn.modules.container.Sequential'."""
    cls = type(obj)
    module = getattr(cls, "__module__", "") or ""
    if module.startswith("torch"):
        return f"torch.{cls.__qualname__}" if cls.__qualname__ in ("Tensor", "Size") else f"{module}.{cls.__qualname__}"
    return cls.__qualname__


# ---------------------------------------------------------------- encoding


class Encoder:
    """Turns a value into (JSON-able tree, list of byte blobs).

    `on_other(obj)` decides what to do with values that are not plain: the worker keeps
    them behind a handle, the grader refuses them.
    """

    def __init__(self, on_other):
        self.on_other = on_other
        self.blobs: list[bytes] = []
        self.offset = 0

    def encode(self, obj, depth: int = 0):
        if depth > MAX_DEPTH:
            raise WireError("value nested too deeply")
        if obj is None or type(obj) in (bool, str):
            return obj
        if type(obj) is int:
            return obj if abs(obj) < 2**53 else {"__bigint__": str(obj)}
        if type(obj) is float:
            return obj if math.isfinite(obj) else {"__float__": repr(obj)}
        if isinstance(obj, torch.Tensor):
            return self._tensor(obj)
        if type(obj) in (tuple, torch.Size):
            return {"__tuple__": [self.encode(x, depth + 1) for x in obj]}
        if type(obj) is list:
            return [self.encode(x, depth + 1) for x in obj]
        if type(obj) is dict:
            return {"__dict__": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in obj.items()]}
        if type(obj) is complex:
            return {"__complex__": [obj.real, obj.imag]}
        if isinstance(obj, HandleRef):
            return {"__handle_ref__": obj.handle_id}
        if isinstance(obj, FunctionSource):
            return {"__function__": obj.source, "name": obj.name}
        # Subclasses of the plain containers (an OrderedDict, a defaultdict, a namedtuple) are
        # what the contract asks for: they travel as the plain type, read through the base
        # class so that an override cannot change what is sent.
        if isinstance(obj, dict):
            return {"__dict__": [[self.encode(k, depth + 1), self.encode(v, depth + 1)]
                                 for k, v in dict.items(obj)]}
        if isinstance(obj, tuple):
            return {"__tuple__": [self.encode(x, depth + 1) for x in tuple.__iter__(obj)]}
        if isinstance(obj, list):
            return [self.encode(x, depth + 1) for x in list.__iter__(obj)]
        # A float or int subclass equal to the answer is the answer (the contract's Types rule,
        # as for str subclasses): it travels as its value, read through the base class.
        if isinstance(obj, float):
            return self.encode(float.__float__(obj), depth + 1)
        if isinstance(obj, int) and not isinstance(obj, bool):
            return self.encode(int.__int__(obj), depth + 1)
        return self.on_other(obj)

    def _tensor(self, t: torch.Tensor):
        exact = type(t) is torch.Tensor
        dtype = _DTYPE_NAMES.get(t.dtype)
        if dtype is None or t.layout != torch.strided:
            return {"__foreign__": type_name(t), "text": f"tensor of dtype {t.dtype}, layout {t.layout}"}
        data = t.detach()
        if not exact:
            data = data.as_subclass(torch.Tensor)
        size = data.numel() * data.element_size()
        if self.offset + size > MAX_FRAME:  # refused before the bytes are copied (160 MB take seconds)
            raise WireError(f"reply of more than {self.offset + size} bytes is larger than the {MAX_FRAME}-byte "
                            "limit: refused")
        data = data.to("cpu").contiguous()
        np_type = _DTYPES[dtype][1]
        raw = (data.view(torch.int16) if dtype == "bfloat16" else data).numpy().astype(np_type, copy=False).tobytes()
        self.blobs.append(raw)
        entry = {
            "__tensor__": dtype,
            "shape": list(data.shape),
            "offset": self.offset,
            "nbytes": len(raw),
            "device": str(t.device),
            "requires_grad": bool(t.requires_grad),
            "grad_fn": type(t.grad_fn).__name__ if t.grad_fn is not None else None,
        }
        if not exact:
            entry["subclass"] = type_name(t)
        self.offset += len(raw)
        return entry


def _refuse(obj):
    raise WireError(f"cannot send a {type_name(obj)} to the worker")


def encode_message(message: dict, on_other=_refuse) -> bytes:
    encoder = Encoder(on_other)
    tree = encoder.encode(message)
    header = json.dumps(tree, allow_nan=False, separators=(",", ":")).encode()
    body = b"".join(encoder.blobs)
    return _PREFIX.pack(len(header), len(body)) + header + body


# ---------------------------------------------------------------- decoding


class Decoder:
    """Rebuilds a value from a frame. `resolve_handle` and `make_function` are side-specific."""

    def __init__(self, body: bytes, resolve_handle=None, make_function=None, make_handle=None):
        self.body = body
        self.resolve_handle = resolve_handle
        self.make_function = make_function
        self.make_handle = make_handle

    def decode(self, node, depth: int = 0):
        if depth > MAX_DEPTH:
            raise WireError("value nested too deeply")
        if node is None or type(node) in (bool, int, float, str):
            return node
        if type(node) is list:
            return [self.decode(x, depth + 1) for x in node]
        if type(node) is not dict or len(node) == 0:
            raise WireError("malformed value")
        if "__tuple__" in node:
            return tuple(self.decode(x, depth + 1) for x in _list(node["__tuple__"]))
        if "__dict__" in node:
            out = {}
            for pair in _list(node["__dict__"]):
                key, value = _list(pair)
                key = self.decode(key, depth + 1)
                try:
                    out[key] = self.decode(value, depth + 1)
                except TypeError as exc:  # unhashable key
                    raise WireError("unhashable dict key") from exc
            return out
        if "__tensor__" in node:
            tensor = self._tensor(node)
            if "subclass" in node:
                return Foreign(str(node["subclass"]), f"tensor of shape {tuple(tensor.shape)}", tensor)
            return tensor
        if "__float__" in node:
            text = node["__float__"]
            if text not in ("nan", "inf", "-inf"):
                raise WireError("malformed float")
            return float(text)
        if "__bigint__" in node:
            text = str(node["__bigint__"])
            if len(text) > 4301:  # Python's own limit on int() of a string (4300 digits and a sign)
                raise WireError("integer too long")
            return int(text)
        if "__complex__" in node:
            real, imag = _list(node["__complex__"])
            return complex(float(real), float(imag))
        if "__foreign__" in node:
            return Foreign(str(node["__foreign__"])[:200], str(node.get("text", ""))[:300])
        if "__handle__" in node and self.make_handle is not None:
            return self.make_handle(HandleRef(int(node["__handle__"]), str(node.get("type", "?"))[:200],
                                              str(node.get("text", ""))[:300], bool(node.get("is_module")),
                                              bool(node.get("is_callable"))))
        if "__handle_ref__" in node and self.resolve_handle is not None:
            return self.resolve_handle(int(node["__handle_ref__"]))
        if "__function__" in node and self.make_function is not None:
            return self.make_function(str(node.get("name")), str(node["__function__"]))
        raise WireError("unknown value kind")

    def _tensor(self, node) -> torch.Tensor:
        dtype = node["__tensor__"]
        if dtype not in _DTYPES:
            raise WireError(f"unknown dtype {dtype!r}")
        torch_dtype, np_type = _DTYPES[dtype]
        shape = [int(s) for s in _list(node["shape"])]
        if any(s < 0 for s in shape) or len(shape) > 16:
            raise WireError("bad tensor shape")
        offset, nbytes = int(node["offset"]), int(node["nbytes"])
        count = math.prod(shape)
        if nbytes != count * np.dtype(np_type).itemsize or offset < 0 or offset + nbytes > len(self.body):
            raise WireError("tensor bytes do not match its shape")
        array = np.frombuffer(self.body, dtype=np_type, count=count, offset=offset).reshape(shape).copy()
        tensor = torch.from_numpy(array)
        if dtype == "bfloat16":
            tensor = tensor.view(torch.bfloat16)
        return tensor  # never requires grad here: gradients are computed in the worker


def _list(value) -> list:
    if type(value) is not list:
        raise WireError("malformed value")
    return value


def decode_frame(header: bytes, body: bytes, **sides):
    try:
        tree = json.loads(header)
    except (ValueError, RecursionError) as exc:
        raise WireError("header is not JSON") from exc
    try:
        return Decoder(body, **sides).decode(tree)
    except (KeyError, TypeError, ValueError, OverflowError, RecursionError) as exc:
        raise WireError(f"malformed value: {exc}") from exc


# ---------------------------------------------------------------- socket helpers


def send(sock: socket.socket, message: dict, on_other=_refuse) -> None:
    sock.sendall(encode_message(message, on_other))


def _recv_exact(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    chunks, remaining = [], size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout("deadline passed")
            sock.settimeout(left)
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise EOFError("connection closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def recv(sock: socket.socket, max_frame: int = MAX_FRAME, deadline: float | None = None, **sides):
    """Read one frame. Raises EOFError when the peer is gone, WireError when it is bad,
    socket.timeout when `deadline` (a time.monotonic() value) passes."""
    header_len, body_len = _PREFIX.unpack(_recv_exact(sock, _PREFIX.size, deadline))
    if header_len + body_len > max_frame:
        raise WireError(f"reply of {header_len + body_len} bytes is larger than the {max_frame}-byte limit")
    header = _recv_exact(sock, header_len, deadline)
    body = _recv_exact(sock, body_len, deadline)
    return decode_frame(header, body, **sides)
