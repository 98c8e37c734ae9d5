"""The worker: the only process that runs student code.

It receives the student's source over a socket, executes it as a module, then serves
requests from the grader: call a function, read an attribute, call an object it keeps
behind a handle, or run a function the check supplied. Every reply is plain data in the
wire format. Nothing here knows an expected value: the worker holds no grading state.
"""

from __future__ import annotations

import linecache
import math
import os
import random
import socket
import sys
import types

import torch
import torch.nn as nn
import torch.nn.functional as F

from grader.remote import protocol, wire
from grader.remote.gradients import backpropagate
from grader.remote.integrity import Guard, pristine_check
from grader.remote.rules import ContractRules
from grader.remote.worker_errors import ExitAtImport, Refused, describe
from grader.remote.worker_watches import Watches

# Names a check-supplied function sees when it is defined inside the worker.
CHECK_FUNCTION_GLOBALS = {"torch": torch, "nn": nn, "F": F, "math": math}


class Worker:
    def __init__(self, sock: socket.socket, layers: list[str]):
        self.sock = sock
        self.layers = layers
        self.module: types.ModuleType | None = None
        self.filename = "<submission>"
        self.handles: dict[int, object] = {}
        self.watches = Watches()  # the forbidden-call and training watches (worker_watches.py)
        self.rules: ContractRules | None = None  # the contract's rules for every function (rules.py)
        self.view: types.ModuleType | None = None  # the module as check functions see it (calls observed)
        self.guard = Guard()  # what graded code may not do to these instruments (integrity.py)
        self.tampered = None  # set at load: which shared functions graded code replaced (integrity.py)

    # ------------------------------------------------------------ wire helpers

    def _keep(self, obj):
        """Values that cannot travel stay here; the grader gets a handle to them."""
        handle_id = len(self.handles) + 1
        self.handles[handle_id] = obj
        try:
            text = repr(obj)[:300]
        except Exception:  # a student's __repr__ may raise
            text = "<unprintable>"
        return {"__handle__": handle_id, "type": wire.type_name(obj), "text": text,
                "is_module": isinstance(obj, nn.Module), "is_callable": callable(obj)}

    def _resolve(self, handle_id: int):
        if handle_id not in self.handles:
            raise wire.WireError(f"unknown handle {handle_id}")
        return self.handles[handle_id]

    @staticmethod
    def _define(name: str, source: str):
        namespace = dict(CHECK_FUNCTION_GLOBALS)
        exec(compile(source, f"<check function {name}>", "exec"), namespace)
        return namespace[name]

    def reply(self, message: dict) -> None:
        wire.send(self.sock, message, on_other=self._keep)

    # ------------------------------------------------------------ requests

    def serve(self) -> None:
        while True:
            try:
                request = wire.recv(self.sock, resolve_handle=self._resolve, make_function=self._define)
            except EOFError:
                return
            op = request.get("op")
            if op == "exit":
                self._goodbye()
                return
            try:
                handler = {"load": self.load, "call": self.call, "call_many": self.call_many,
                           "getattr": self.getattr, "value": self.value, "rules": self.judge_rules}[op]
                result = handler(request)
                self._untampered()
            except BaseException as exc:  # student code may raise anything, SystemExit included
                try:
                    self._untampered()
                except _TamperedWith as tampered:
                    exc = tampered
                self.reply({"ok": False, "error": self.describe(exc), **self._rules_report(request),
                            **self._integrity()})
                continue
            try:
                self.reply({"ok": True, **result, **self._rules_report(request), **self._integrity()})
            except BaseException as exc:  # a value that cannot travel (nested too deeply, say)
                self.reply({"ok": False, "error": {"type": protocol.UNSENDABLE, "mro": [protocol.UNSENDABLE],
                                                   "message": f"a value the grader cannot read ({exc})"[:500],
                                                   "where": "", "not_implemented": False}})

    def _untampered(self) -> None:
        """Raise if graded code replaced a shared function the instruments use (now put back):
        whatever this request measured may be a lie, so it counts as the student's error."""
        replaced = self.tampered() if self.tampered is not None else []
        if replaced:
            names = ", ".join(sorted(set(replaced))[:5])
            sys.audit("grader.watch_handed_over", f"replaced {names}")
            raise _TamperedWith(f"the submission replaced {names}, which the grader uses to check it: "
                                "leave PyTorch's and Python's own functions as they are")

    def _rules_report(self, request: dict) -> dict:
        """What the rules saw during this request (settings changed by code that no contract call
        explains are the module's, and are undone here)."""
        if self.rules is None:
            return {}
        op, target = request.get("op"), request.get("target")
        if op in ("call", "call_many"):
            student_code = not request.get("with_module")  # a check's own function: not the student's
            label = target if isinstance(target, str) else f"{wire.type_name(target).rsplit('.', 1)[-1]}(...)"
        else:
            student_code, label = op in ("getattr", "value"), str(request.get("attr") or request.get("name") or op)
        try:
            self.rules.after_request(label, student_code)
        except Exception:  # the settings cannot be read back: nothing to report
            pass
        return {"rules": self.rules.drain()}

    def _integrity(self) -> dict:
        """What graded code tried against the instruments so far (integrity.py), if anything."""
        findings = self.guard.findings()
        return {"integrity": findings} if findings else {}

    def _goodbye(self) -> None:
        """Close stdout/stderr, then tell the grader: it has all the output without waiting
        for this process to exit (tearing down torch's address space takes ~10 ms)."""
        _flush_output()
        for fd in (1, 2):
            try:
                os.close(fd)
            except OSError:
                pass
        self.reply({"ok": True, "bye": True})

    def load(self, request: dict) -> dict:
        missing = [layer for layer in request.get("required_layers", []) if layer not in self.layers]
        if missing:
            raise Refused(f"sandbox layer(s) {', '.join(missing)} unavailable on this machine; "
                          "refusing to run the submission (--require-sandbox)")
        self.filename = request["filename"]
        self.watches.set_up(request.get("watch") or {})
        module = types.ModuleType(request["module"])
        module.__file__ = self.filename
        sys.modules[request["module"]] = module
        if request.get("rules") is not None:
            self.rules = ContractRules(request["rules"], request["module"])
            self.rules.install(module)  # its imports are watched from its first line on
        self.tampered = pristine_check()  # after the rules and watches put their own wrappers in
        cells = request.get("cells") or [(self.filename, request["source"])]
        for label, _source in cells:
            self.guard.graded(label)
        self.guard.install()
        _unname_the_grader()
        try:
            for label, source in cells:  # a notebook's cells run in order, in one namespace
                # Tracebacks can then quote the student's line ("line 5, in f: return x^2 * y").
                linecache.cache[label] = (len(source), None, source.splitlines(True), label)
                exec(compile(source, label, "exec", dont_inherit=True), module.__dict__)
        except SystemExit as exc:
            raise ExitAtImport(exc.code) from None
        self.module = module
        if self.rules is not None:
            self.rules.imported(module)
            self.view = self.rules.view(module)
        names = {}
        for name, value in list(vars(module).items()):
            if name.startswith("__"):
                continue
            names[name] = "module" if isinstance(value, types.ModuleType) else (
                "function" if callable(value) else "value")
        return {"names": names, "sandbox": self.layers}

    def _observed(self, name, function, args, kwargs, reply: dict):
        """A contract function called by the grader, under the watches and the rules."""
        if self.rules is None:
            return self.watches.run(name, function, args, kwargs, reply)
        return self.rules.observe(name, function, args, kwargs,
                                  lambda: self.watches.run(name, function, args, kwargs, reply))

    def judge_rules(self, request: dict) -> dict:
        """The module's names scanned for imports; the function's first call replayed."""
        if self.rules is None:
            return {"replayed": False}
        self.rules.scan(self.module)
        name = request.get("function")
        if not name:
            return {"replayed": False}
        return {"replayed": self.rules.replay(name, self._target(name))}

    def _target(self, target):
        if isinstance(target, str):
            if self.module is None or not hasattr(self.module, target):
                raise Refused(f"no name {target!r} in the module")
            return getattr(self.module, target)
        return target

    def call(self, request: dict) -> dict:
        function = self._target(request["target"])
        args = list(request.get("args", []))
        kwargs = request.get("kwargs", {})
        if request.get("with_module"):
            args.insert(0, self.view or self.module)
        self._seed(request.get("seed", 0))
        grad = request.get("grad")
        if grad:
            for i in grad["wrt"]:
                args[i] = args[i].detach().requires_grad_(True)
                if self.rules is not None and args[i].is_floating_point():
                    # The caller's own gradient, which the function must leave alone (rules.py).
                    args[i].grad = torch.full_like(args[i], 0.5)
        sent = list(args)
        reply = {}
        target = request["target"]
        value = self._observed(target, function, args, kwargs, reply) if isinstance(target, str) \
            else function(*args, **kwargs)
        reply["value"] = value
        if grad:
            reply["grads"] = self._grads(value, [sent[i] for i in grad["wrt"]], grad.get("grad_output"))
        if request.get("return_args"):
            reply["args"] = [a.detach() if isinstance(a, torch.Tensor) else a for a in sent]
        return reply

    def call_many(self, request: dict) -> dict:
        """One contract function on many argument lists, in one round trip (property checks):
        each call seeded, each outcome a value or the error it raised."""
        name = request["target"]
        function = self._target(name)
        results, findings = [], []
        for args in request["calls"]:
            self._seed(request.get("seed", 0))
            args = [self.view or self.module, *args] if request.get("with_module") else list(args)
            reply: dict = {}
            try:
                reply["value"] = self._observed(name, function, args, {}, reply) if isinstance(name, str) \
                    else function(*args)
            except BaseException as exc:  # the student's error for this input only
                reply = {"error": self.describe(exc), **{k: v for k, v in reply.items() if k != "value"}}
            findings += [f for f in reply.pop("forbidden", []) if f not in findings]
            reply.pop("observed", None)
            results.append(reply)
        return {"results": results, "forbidden": findings}

    @staticmethod
    def _grads(value, inputs, grad_output):
        if not isinstance(value, torch.Tensor) or not value.requires_grad:
            return {"error": "not_connected"}
        grads = backpropagate(value, inputs, grad_output)
        return [None if g is None else g.detach() for g in grads]

    def value(self, request: dict) -> dict:
        return {"value": self._target(request["name"])}

    def getattr(self, request: dict) -> dict:
        return {"value": getattr(self._target(request["target"]), request["attr"])}

    @staticmethod
    def _seed(seed: int) -> None:
        # Same seed before every call: a submission that trains from random weights gets
        # the same score on every run.
        torch.manual_seed(seed)
        random.seed(seed)

    def describe(self, exc: BaseException) -> protocol.ErrorInfo:
        return describe(exc, self.filename, self.module)


def _unname_the_grader() -> None:
    """Take the grader's modules out of sys.modules before the student's code runs: a
    submission must not find the worker by name (and behave well only when graded). The
    worker keeps its own references; a later `import grader` gets fresh, unused modules."""
    for name in [n for n in sys.modules if n == "grader" or n.startswith("grader.")]:
        del sys.modules[name]


class _TamperedWith(Exception):
    """Graded code replaced a function of torch or Python that the grader's instruments use."""


def run(sock: socket.socket, layers: list[str]) -> None:
    """Serve the grader until it says goodbye or goes away, then exit without cleanup."""
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(line_buffering=True, write_through=True)
    try:
        Worker(sock, layers).serve()
    finally:
        _flush_output()
        os._exit(0)


def _flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # a student may have replaced or broken the stream
            pass
