"""Property tests of grader/remote/wire.py, the codec between the grader and a worker.

The worker runs student code, so every byte it sends may be hostile. What the grader relies
on: a frame decodes to plain values only (None, bool, int, float, complex, str, lists,
tuples, dicts, exact torch.Tensor, and wire's own Foreign / HandleRef / FunctionSource), or
the decoder raises `wire.WireError` (the failure mode `session._exchange` turns into a
"reply the grader refused" verdict); `recv` adds EOFError (peer gone) and socket.timeout
(deadline passed). Nothing is ever unpickled.
"""

from __future__ import annotations

import ast
import inspect
import json
import math
import pickle
import socket
import struct
import time

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.remote import wire

# Deterministic runs, no example database left behind; examples are cheap but tensors and
# sockets are not free, so each property gets a budget that keeps the file near 10 s.
FAST = settings(derandomize=True, database=None, deadline=None, max_examples=150,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FUZZ = settings(FAST, max_examples=300)

PREFIX = struct.Struct(">II")  # the frame prefix, as the module docstring documents it

WHITELISTED_DTYPES = [torch.float64, torch.float32, torch.float16, torch.bfloat16, torch.int64, torch.int32,
                      torch.int16, torch.int8, torch.uint8, torch.bool, torch.complex64, torch.complex128]

# The decoding sides: the grader turns "__handle__" into a handle object, the worker resolves
# "__handle_ref__" and defines "__function__" (stubs here: plain objects, nothing executed).
SIDES = {
    "bare": {},
    "grader": {"make_handle": lambda ref: ref},
    "worker": {"resolve_handle": lambda handle_id: wire.HandleRef(handle_id, "kept", "", False, False),
               "make_function": lambda name, source: wire.FunctionSource(name, source)},
}

# Exceptions other than WireError that the decoder is known to let out: none since a JSON
# number that int()/float() cannot convert (OverflowError) became a WireError.
KNOWN_ESCAPES = ()


def split(frame: bytes) -> tuple[bytes, bytes]:
    header_len, body_len = PREFIX.unpack(frame[:8])
    assert len(frame) == 8 + header_len + body_len
    return frame[8:8 + header_len], frame[8 + header_len:]


def roundtrip(value, **side):
    return wire.decode_frame(*split(wire.encode_message(value)), **side)


def tensor_bits(t: torch.Tensor) -> bytes:
    """The raw bytes of a tensor: comparing them is equality that is exact for nan (payload
    included), -0.0 and every dtype, bfloat16 and bool too."""
    flat = t.detach().contiguous().reshape(-1)
    return flat.view(torch.uint8).numpy().tobytes() if flat.numel() else b""


def assert_same(got, expected, path="value"):
    """Equal, with exactly the same types all the way down (a tuple stays a tuple, True stays
    a bool, not 1), nan-aware, and tensors equal in dtype, shape and bits."""
    assert type(got) is type(expected), f"{path}: {type(got).__name__} != {type(expected).__name__}"
    if isinstance(expected, torch.Tensor):
        assert type(got) is torch.Tensor
        assert got.dtype == expected.dtype and got.shape == expected.shape, path
        assert tensor_bits(got) == tensor_bits(expected), f"{path}: tensor values differ"
        assert not got.requires_grad  # gradients are computed in the worker, never on the wire
    elif isinstance(expected, float):
        assert (math.isnan(got) and math.isnan(expected)) or (
            got == expected and math.copysign(1, got) == math.copysign(1, expected)), f"{path}: {got!r} != {expected!r}"
    elif isinstance(expected, complex):
        assert_same(got.real, expected.real, path + ".real")
        assert_same(got.imag, expected.imag, path + ".imag")
    elif isinstance(expected, (list, tuple)):
        assert len(got) == len(expected), path
        for i, (g, e) in enumerate(zip(got, expected)):
            assert_same(g, e, f"{path}[{i}]")
    elif isinstance(expected, dict):
        assert list(got) == list(expected), path  # same keys, same order
        for key in expected:
            assert_same(got[key], expected[key], f"{path}[{key!r}]")
    else:
        assert got == expected, path


PLAIN_SCALARS = (type(None), bool, int, float, complex, str)


def assert_plain(value, path="value"):
    """Only plain objects: no instance of a class the frame could have chosen."""
    kind = type(value)
    if kind in PLAIN_SCALARS:
        return
    if kind in (list, tuple):
        for i, item in enumerate(value):
            assert_plain(item, f"{path}[{i}]")
    elif kind is dict:
        for key, item in value.items():
            assert_plain(key, f"{path} key")
            assert_plain(item, f"{path}[{key!r}]")
    elif kind is torch.Tensor:  # exact type: a subclass must arrive as a Foreign
        assert value.device.type == "cpu" and not value.requires_grad, path
    elif kind is wire.Foreign:
        assert type(value.type_name) is str and type(value.text) is str, path
        assert value.tensor is None or type(value.tensor) is torch.Tensor, path
    elif kind is wire.HandleRef:
        assert type(value.handle_id) is int and type(value.type_name) is str and type(value.text) is str, path
        assert type(value.is_module) is bool and type(value.is_callable) is bool, path
    elif kind is wire.FunctionSource:
        assert type(value.name) is str and type(value.source) is str, path
    else:
        pytest.fail(f"{path}: decoded a {kind.__module__}.{kind.__qualname__}, not a plain value")


UNPICKLED = []


def _unpickled(marker):
    UNPICKLED.append(marker)


class Payload:
    """A pickle that, if anything loaded it, would call _unpickled (found by module and name)."""

    def __reduce__(self):
        return _unpickled, ("unpickled!",)


PICKLE = pickle.dumps(Payload())


def test_the_pickle_payload_is_live():
    # the guard `UNPICKLED == []` below means something only if loading the payload is seen
    pickle.loads(PICKLE)
    assert UNPICKLED == ["unpickled!"]
    UNPICKLED.clear()


def decode_safely(header: bytes, body: bytes, side: str):
    """Decode, and check the outcome is a plain value or WireError, and nothing was unpickled."""
    try:
        value = wire.decode_frame(header, body, **SIDES[side])
    except (wire.WireError, *KNOWN_ESCAPES):
        value = None
    assert_plain(value)
    assert UNPICKLED == []
    return value


# ---------------------------------------------------------------- strategies


@st.composite
def tensors(draw):
    dtype = draw(st.sampled_from(WHITELISTED_DTYPES))
    shape = draw(st.lists(st.integers(0, 4), max_size=3))  # () and sizes 0 included
    count = math.prod(shape)
    itemsize = torch.empty((), dtype=dtype).element_size()
    if dtype == torch.bool:
        raw = bytes(draw(st.lists(st.integers(0, 1), min_size=count, max_size=count)))
    else:  # any bit pattern: nan payloads, infinities, subnormals, extreme integers
        raw = draw(st.binary(min_size=count * itemsize, max_size=count * itemsize))
    if count == 0:
        t = torch.empty(shape, dtype=dtype)
    else:
        t = torch.frombuffer(bytearray(raw), dtype=torch.uint8).view(dtype).reshape(shape).clone()
    if t.dim() >= 2 and draw(st.booleans()):
        t = t.transpose(0, -1)  # not contiguous: the encoder must lay it out
    if t.is_floating_point() and draw(st.booleans()):
        t = t.requires_grad_()
    return t


SCALARS = (st.none() | st.booleans() | st.integers(-10**40, 10**40) | st.floats()
           | st.complex_numbers(allow_nan=False, allow_infinity=False) | st.text(max_size=12))

PLAIN_VALUES = st.recursive(
    SCALARS | tensors(),
    lambda inner: (st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple)
                   | st.dictionaries(st.text(max_size=6) | st.integers(-5, 5), inner, max_size=4)),
    max_leaves=12)

MARKERS = ["__tuple__", "__dict__", "__tensor__", "__float__", "__bigint__", "__complex__", "__foreign__",
           "__handle__", "__handle_ref__", "__function__"]
FIELDS = ["shape", "offset", "nbytes", "subclass", "text", "type", "is_module", "is_callable", "name", "device"]
DTYPE_NAMES = [str(d).removeprefix("torch.") for d in WHITELISTED_DTYPES] + ["object", "float128", "", "Float32"]

# JSON leaves a hostile worker might put where the decoder expects something else.
JUNK = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6)
        | st.sampled_from(DTYPE_NAMES + ["nan", "inf", "-inf", "1e999", "0x10", "-1"])
        | st.sampled_from([-1, 0, 1, 7, 2**31, 2**53 + 1, 2**62, 2**63, 2**64, -2**63, 10**400,
                           math.inf, -math.inf, math.nan, 1e300, 0.5, -0.0]))
NUMBERS = st.integers(-3, 70) | st.sampled_from([2**31, 2**62, 2**63, 2**64, -2**63, 10**20, 10**400,
                                                 math.inf, math.nan, 2.0, 1.5])


def either(good, junk):
    """Mostly `good`, sometimes `junk`. (`good | junk` draws a well-formed field rarely: Hypothesis
    soon runs out of new examples in a small branch such as the dtype names, and avoids it.)"""
    return st.tuples(st.integers(0, 9), good, junk).map(lambda t: t[1] if t[0] < 7 else t[2])


def tensor_nodes(junk):
    return st.fixed_dictionaries(
        {"__tensor__": either(st.sampled_from(DTYPE_NAMES), junk),
         "shape": either(st.lists(either(NUMBERS, junk), max_size=17), junk),
         "offset": either(NUMBERS, junk), "nbytes": either(NUMBERS, junk)},
        optional={"subclass": junk, "device": junk, "requires_grad": junk})


def marker_nodes(inner):
    """A node for each value kind, with well-formed or junk fields."""
    return st.one_of(
        tensor_nodes(inner),
        st.builds(lambda k, v: {k: v}, st.sampled_from(["__tuple__", "__dict__", "__float__", "__bigint__",
                                                        "__complex__"]), inner),
        st.fixed_dictionaries({"__foreign__": inner}, optional={"text": inner}),
        st.fixed_dictionaries({"__handle__": inner},
                              optional={"type": inner, "text": inner, "is_module": inner, "is_callable": inner}),
        st.fixed_dictionaries({"__handle_ref__": inner}),
        st.fixed_dictionaries({"__function__": inner}, optional={"name": inner}),
    )


JSON_TREES = st.recursive(
    JUNK,
    lambda inner: (st.lists(inner, max_size=4) | marker_nodes(inner)
                   | st.dictionaries(st.sampled_from(MARKERS + FIELDS) | st.text(max_size=4), inner, max_size=3)),
    max_leaves=20)

BODIES = st.binary(max_size=80) | st.just(PICKLE) | st.binary(max_size=16).map(lambda b: PICKLE + b)


def dump(tree) -> bytes:
    return json.dumps(tree, allow_nan=True).encode()  # NaN/Infinity: Python's json reads them back


# ---------------------------------------------------------------- round trips


@FAST
@given(PLAIN_VALUES)
def test_any_plain_value_round_trips_with_its_exact_types(value):
    assert_same(roundtrip(value), value)


@FAST
@given(tensors())
def test_a_tensor_of_every_whitelisted_dtype_and_shape_round_trips_bit_for_bit(t):
    got = roundtrip({"t": t})["t"]
    assert_same(got, t.detach())


def test_every_whitelisted_dtype_is_covered_by_the_round_trip():
    # the strategy draws from this list: a dtype added to the wire must be added here too
    assert {str(d).removeprefix("torch.") for d in WHITELISTED_DTYPES} == set(wire._DTYPES)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), -0.0, 2**53, -(2**53), 10**300,
                                   (), [], {}, "", "\x00\u2028\ud7ff"], ids=repr)
def test_edge_scalars_round_trip(value):
    assert_same(roundtrip(value), value)


def test_a_negative_4300_digit_int_round_trips():
    value = -(10**4299)  # 4300 digits: within Python's default str conversion limit
    assert roundtrip(value) == value


def test_a_tensor_subclass_arrives_as_foreign_with_its_data():
    class Agreeable(torch.Tensor):
        pass

    got = roundtrip(torch.arange(3.0).as_subclass(Agreeable))
    assert type(got) is wire.Foreign and "Agreeable" in got.type_name
    assert type(got.tensor) is torch.Tensor and got.tensor.tolist() == [0.0, 1.0, 2.0]


def test_container_subclasses_travel_as_the_plain_container_they_are():
    """An OrderedDict, a defaultdict or a namedtuple is the dict or tuple a contract asks
    for; an override of items() or __iter__ cannot change what is sent."""
    import collections

    Pair = collections.namedtuple("Pair", "dw db")

    class Liar(dict):
        def items(self):
            return [("x", 1)]

    assert roundtrip(collections.OrderedDict(b=1, a=torch.ones(2))).keys() == {"b", "a"}
    assert type(roundtrip(collections.defaultdict(list, x=[1]))) is dict
    got = roundtrip(Pair(28.0, 14.0))
    assert type(got) is tuple and got == (28.0, 14.0)
    assert roundtrip(Liar(y=2)) == {"y": 2}


def test_a_value_nested_max_depth_deep_round_trips_and_one_more_level_is_refused():
    value = []
    for _ in range(wire.MAX_DEPTH):
        value = [value]
    assert roundtrip(value) == value
    with pytest.raises(wire.WireError, match="nested too deeply"):
        wire.decode_frame(dump([value]), b"")


# ---------------------------------------------------------------- hostile frames


@FUZZ
@given(st.binary(max_size=200), BODIES, st.sampled_from(sorted(SIDES)))
def test_arbitrary_bytes_decode_to_plain_values_or_a_wire_error(header, body, side):
    decode_safely(header, body, side)


@FUZZ
@given(JSON_TREES, BODIES, st.sampled_from(sorted(SIDES)))
def test_arbitrary_json_headers_decode_to_plain_values_or_a_wire_error(tree, body, side):
    decode_safely(dump(tree), body, side)


@FUZZ
@given(marker_nodes(JUNK | st.lists(JUNK, max_size=3)), BODIES, st.sampled_from(sorted(SIDES)))
def test_each_value_kind_with_junk_fields_decodes_to_a_plain_value_or_a_wire_error(node, body, side):
    # one node at the top, so that every field is reached (in a big tree the first bad node ends it)
    decode_safely(dump(node), body, side)


@FAST
@given(PLAIN_VALUES, st.data())
def test_valid_frames_with_flipped_bytes_decode_to_plain_values_or_a_wire_error(value, data):
    frame = bytearray(wire.encode_message({"v": value, "t": torch.arange(4.0)}))
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(8, len(frame) - 1))
        frame[index] ^= data.draw(st.integers(1, 255))
    header_len, _ = PREFIX.unpack(frame[:8])
    decode_safely(bytes(frame[8:8 + header_len]), bytes(frame[8 + header_len:]), data.draw(st.sampled_from(sorted(SIDES))))


@FAST
@given(PLAIN_VALUES, st.data())
def test_truncated_frames_decode_to_plain_values_or_a_wire_error(value, data):
    header, body = split(wire.encode_message({"v": value, "t": torch.arange(4.0)}))
    header = header[:data.draw(st.integers(0, len(header)))]
    body = body[:data.draw(st.integers(0, len(body)))]
    decode_safely(header, body, data.draw(st.sampled_from(sorted(SIDES))))


def _nodes(tree, found):
    """Every dict and list of a JSON tree, to mutate one of them in place."""
    if isinstance(tree, (dict, list)):
        found.append(tree)
        for child in (tree.values() if isinstance(tree, dict) else tree):
            _nodes(child, found)
    return found


@FUZZ
@given(PLAIN_VALUES, st.data())
def test_valid_frames_with_a_junk_field_decode_to_plain_values_or_a_wire_error(value, data):
    # wrong types, unknown dtypes, offsets outside the body, negative or huge shapes, markers
    # the side does not accept: one field of a real frame replaced at a time
    header, body = split(wire.encode_message({"v": value, "t": torch.arange(4.0)}))
    tree = json.loads(header)
    for _ in range(data.draw(st.integers(1, 3))):
        node = data.draw(st.sampled_from(_nodes(tree, [])))
        replacement = data.draw(JUNK | marker_nodes(JUNK) | st.lists(JUNK, max_size=3))
        if isinstance(node, dict):
            node[data.draw(st.sampled_from(sorted(node) + MARKERS + FIELDS))] = replacement
        elif node:
            node[data.draw(st.integers(0, len(node) - 1))] = replacement
    decode_safely(dump(tree), body, data.draw(st.sampled_from(sorted(SIDES))))


TENSOR = {"__tensor__": "float32", "shape": [2], "offset": 0, "nbytes": 8}
BODY8 = bytes(8)


def _deep(levels: int, make) -> object:
    node = 0
    for _ in range(levels):
        node = make(node)
    return node


REFUSED = {
    # name: (header, body, side)
    "not JSON": (b"\x80\x81", b"", "bare"),
    "empty header": (b"", b"", "bare"),
    "empty dict": (b"{}", b"", "bare"),
    "unknown kind": (dump({"__pickle__": "x"}), PICKLE, "bare"),
    "unknown dtype": (dump({**TENSOR, "__tensor__": "object"}), BODY8, "bare"),
    "dtype not a string": (dump({**TENSOR, "__tensor__": ["float32"]}), BODY8, "bare"),
    "shape not a list": (dump({**TENSOR, "shape": 2}), BODY8, "bare"),
    "shape of strings": (dump({**TENSOR, "shape": ["two"]}), BODY8, "bare"),
    "negative shape": (dump({**TENSOR, "shape": [-2]}), BODY8, "bare"),
    "17 dimensions": (dump({**TENSOR, "shape": [1] * 17, "nbytes": 4}), BODY8, "bare"),
    "huge shape": (dump({**TENSOR, "shape": [2**40, 2**40], "nbytes": 2**82}), BODY8, "bare"),
    "huge shape of size 0": (dump({**TENSOR, "shape": [0, 2**70], "nbytes": 0}), BODY8, "bare"),
    "nbytes not matching the shape": (dump({**TENSOR, "nbytes": 4}), BODY8, "bare"),
    "offset past the body": (dump({**TENSOR, "offset": 4}), BODY8, "bare"),
    "negative offset": (dump({**TENSOR, "offset": -8, "nbytes": 8}), BODY8 * 2, "bare"),
    "body too short": (dump(TENSOR), bytes(7), "bare"),
    "missing offset": (dump({"__tensor__": "float32", "shape": [2], "nbytes": 8}), BODY8, "bare"),
    "malformed float": (dump({"__float__": "1e5"}), b"", "bare"),
    "bigint not a number": (dump({"__bigint__": "12ab"}), b"", "bare"),
    "complex of one part": (dump({"__complex__": [1.0]}), b"", "bare"),
    "dict pair of three": (dump({"__dict__": [[1, 2, 3]]}), b"", "bare"),
    "unhashable dict key": (dump({"__dict__": [[[1], 2]]}), b"", "bare"),
    "tuple not a list": (dump({"__tuple__": "abc"}), b"", "bare"),
    "lists nested too deeply": (dump(_deep(wire.MAX_DEPTH + 1, lambda n: [n])), b"", "bare"),
    "tuples nested too deeply": (dump(_deep(wire.MAX_DEPTH + 1, lambda n: {"__tuple__": [n]})), b"", "bare"),
    "JSON nested beyond the parser": (b"[" * 100_000 + b"]" * 100_000, b"", "bare"),
    "handle on the worker's side": (dump({"__handle__": 1}), b"", "worker"),
    "handle ref on the grader's side": (dump({"__handle_ref__": 1}), b"", "grader"),
    "function on the grader's side": (dump({"__function__": "import os", "name": "f"}), b"", "grader"),
    "handle id not a number": (dump({"__handle__": "one"}), b"", "grader"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_each_malformed_frame_is_a_wire_error(name):
    header, body, side = REFUSED[name]
    with pytest.raises(wire.WireError):
        wire.decode_frame(header, body, **SIDES[side])
    assert UNPICKLED == []


@pytest.mark.parametrize("header", [
    b'{"__tensor__":"bool","shape":[1e999]}',  # the minimal input: shape before offset/nbytes
    b'{"__tensor__":"int8","shape":[1],"offset":Infinity,"nbytes":1}',
    b'{"__complex__":[1' + b"0" * 400 + b',0]}',
    b'{"__handle__":Infinity}',
], ids=["shape 1e999", "offset Infinity", "complex of a 401-digit int", "handle Infinity"])
def test_a_non_finite_or_huge_number_where_an_int_is_expected_is_a_wire_error(header):
    with pytest.raises(wire.WireError):
        wire.decode_frame(header, bytes(1), make_handle=lambda ref: ref)


def test_the_codec_never_imports_a_deserializer_or_evaluates_code():
    # the promise "never unpickles" read off the module itself: no pickle-like import, no
    # torch.load / numpy.load / eval / exec anywhere in wire.py
    tree = ast.parse(inspect.getsource(wire))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in node.names} | {node.module.split(".")[0] for node in ast.walk(tree)
                                            if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"pickle", "_pickle", "cPickle", "dill", "marshal", "shelve", "copyreg", "joblib"}
    called = {ast.unparse(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert not called & {"torch.load", "np.load", "numpy.load", "eval", "exec", "compile", "__import__"}


# ---------------------------------------------------------------- recv over a socket


@pytest.fixture
def pair():
    ours, theirs = socket.socketpair()
    yield ours, theirs
    ours.close()
    theirs.close()


def test_send_and_recv_round_trip_over_a_socket(pair):
    ours, theirs = pair
    value = {"ok": True, "x": torch.randn(3, 2, dtype=torch.float64), "n": (1, [2.5, None], "s")}
    wire.send(theirs, value)
    got = wire.recv(ours, deadline=time.monotonic() + 5)
    assert_same(got, value)


def test_recv_refuses_a_prefix_announcing_more_than_max_frame_without_reading_it(pair):
    ours, theirs = pair
    theirs.sendall(PREFIX.pack(wire.MAX_FRAME, 1))  # one byte too many, and nothing after it
    started = time.monotonic()
    with pytest.raises(wire.WireError, match="larger than"):
        wire.recv(ours, deadline=time.monotonic() + 5)
    assert time.monotonic() - started < 1  # refused at once, not after waiting for the body


def test_recv_refuses_a_frame_over_a_smaller_limit(pair):
    ours, theirs = pair
    wire.send(theirs, {"x": torch.zeros(100)})
    with pytest.raises(wire.WireError):
        wire.recv(ours, max_frame=200, deadline=time.monotonic() + 5)


@pytest.mark.parametrize("cut", ["in the prefix", "in the header", "in the body"])
def test_a_peer_that_stops_half_way_hits_the_deadline(pair, cut):
    ours, theirs = pair
    frame = wire.encode_message({"x": torch.zeros(64)})
    header_len, _ = PREFIX.unpack(frame[:8])
    end = {"in the prefix": 4, "in the header": 8 + header_len // 2, "in the body": 8 + header_len + 100}[cut]
    theirs.sendall(frame[:end])  # and then nothing, with the connection still open
    started = time.monotonic()
    with pytest.raises(socket.timeout):
        wire.recv(ours, deadline=time.monotonic() + 0.3)
    assert 0.25 < time.monotonic() - started < 3


def test_a_peer_that_closes_half_way_is_eof(pair):
    ours, theirs = pair
    theirs.sendall(wire.encode_message({"x": torch.zeros(64)})[:50])
    theirs.shutdown(socket.SHUT_WR)
    with pytest.raises(EOFError):
        wire.recv(ours, deadline=time.monotonic() + 5)


@settings(FAST, max_examples=100)
@given(st.binary(max_size=300) | st.tuples(JSON_TREES.map(dump), BODIES).map(
    lambda hb: PREFIX.pack(len(hb[0]), len(hb[1])) + hb[0] + hb[1]))
def test_arbitrary_bytes_from_a_peer_give_plain_values_or_documented_errors(data):
    ours, theirs = socket.socketpair()
    try:
        theirs.sendall(data)
        theirs.shutdown(socket.SHUT_WR)
        try:
            value = wire.recv(ours, deadline=time.monotonic() + 5, make_handle=lambda ref: ref)
        except (wire.WireError, EOFError, *KNOWN_ESCAPES):
            value = None
        assert_plain(value)
        assert UNPICKLED == []
    finally:
        ours.close()
        theirs.close()
