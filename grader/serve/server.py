"""The background grading server: `grade ex3` in ~0.2 s instead of ~1.6 s.

One per user and installation (see `serverfiles.Place`), started by the first `grade` that
finds none and reused by the next ones. It keeps what every `grade` would otherwise load
again: torch, pytest, a warm zygote and the course's checks and references. It listens on a
Unix socket in a folder only its user can enter and answers only requests of its own user
(kernel credentials) that carry the secret it wrote beside its socket (graded code runs
under the same uid, but can neither read that folder nor open a UNIX socket), grades one request at a time in its main thread (pytest's timeouts need it)
and tells a second terminal it is busy, so that one grades in-process instead of waiting.

It never grades with code or checks older than what is on disk: every request compares the
fingerprint it was started with (grader, course, Python, torch) with the files now, and a
server that is out of date says "stale" and stops; the `grade` that asked starts a fresh one.
It stops by itself after an idle period, on `grade server stop`, and on SIGTERM.

Messages are one JSON object per line (`serverwire.send`/`receive`); the request's "op"
meets the `op_<name>` method of the same name.
"""

from __future__ import annotations

import hmac
import os
import queue
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from grader.serve.fingerprints import GRADER_DIR, course_fingerprint
from grader.serve.serverfiles import key_path, write_key
from grader.serve.serverwire import PROTOCOL, ServerUnavailable, peer, receive, send

_STOP = object()


class Server:
    def __init__(self, listener: socket.socket, path: Path, idle: float, engine_key: str, key: str):
        self.listener, self.path, self.idle = listener, path, idle
        self.key = key  # every request must carry it (serverfiles.key_path says why)
        self.socket_inode = os.stat(path).st_ino  # to remove only its own socket at the end
        self.engine_key = engine_key  # computed by the `grade` that started it, before any import
        self.course_root: Path | None = None
        self.course_key: str | None = None
        self.course = None
        self.zygote = None
        self.jobs: queue.Queue = queue.Queue()
        self.busy = threading.Lock()  # held from accepting a grade request to replying to it
        self.started = time.time()
        self.graded = 0

    # ------------------------------------------------------------ the main thread

    def run(self) -> None:
        from grader.remote.launcher import Zygote

        self.zygote = Zygote().start()
        threading.Thread(target=self._accept_forever, daemon=True).start()
        import grader.grading.runner  # noqa: F401  (torch and pytest, while the zygote imports its own)

        job = self._next_job()
        while job is not None:
            job = self._grade_while_alike(job)

    def _next_job(self):
        """The next grade request, or None when it is time to stop (asked to, or idle)."""
        while True:
            try:
                job = self.jobs.get(timeout=self.idle)
            except queue.Empty:
                if self.busy.acquire(blocking=False):  # nobody slipped in meanwhile
                    return None
                continue
            return None if job is _STOP else job

    def _grade_while_alike(self, first):
        """Grade `first` and every later request for the same exercises and sandbox in one
        pytest session, so the checks are collected once (a batch slot's loop). Returns the
        first request it could not take, or None when the server should stop."""
        from grader.grading.course import CourseError
        from grader.grading.runner import grade_submissions
        from grader.remote.sandbox import Limits

        request = first[1]
        kind = _kind(request)
        try:
            course = self._course(Path(request["course"]))
            exercises = [course.exercise(name) for name in request["exercises"]]
        except CourseError as exc:
            self._answer_job(first, {"status": "suite_error", "message": str(exc)})
            return self._next_job()
        waiting = {"in flight": None, "unlike": None}  # the request being graded; the one that ends the session

        def alike():
            job = first
            while job is not None:
                waiting["in flight"] = job
                yield job, Path(job[1]["folder"])
                job = self._next_job()
                if job is not None and _kind(job[1]) != kind:
                    waiting["unlike"] = job
                    return

        def deliver(job, graded) -> None:
            waiting["in flight"] = None
            self._answer_job(job, {"status": "suite_error", "message": str(graded)} if isinstance(graded, Exception)
                             else {"status": "ok", "results": [r.to_wire() for r in graded]})

        try:
            grade_submissions(course, exercises, alike(), self.zygote, deliver, Limits(required_layers=kind[1]))
        except Exception as exc:  # its zygote is gone, or worse: a fresh server starts afresh
            for job in filter(None, waiting.values()):
                self._answer_job(job, {"status": "failed", "message": f"the grader could not run: {exc}"})
            return None
        return waiting["unlike"]

    def _answer_job(self, job, message: dict) -> None:
        connection, _request = job
        with connection:
            self._reply(connection, message)
        if message.get("status") == "ok":
            self.graded += 1
        self.busy.release()

    def _course(self, root: Path):
        from grader.grading.course import Course

        if self.course is None:
            self.course_key = course_fingerprint(root)  # before its checks are imported
            self.course_root, self.course = root, Course(root)
        return self.course

    @staticmethod
    def _reply(connection: socket.socket, message: dict) -> None:
        try:
            send(connection, dict(message, protocol=PROTOCOL))
        except OSError:
            pass  # the `grade` that asked was stopped (Ctrl-C): nobody to tell

    # ------------------------------------------------------------ the accepting thread

    def _accept_forever(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            try:
                self._answer(connection)
            except (OSError, ServerUnavailable):
                connection.close()

    def _answer(self, connection: socket.socket) -> None:
        _pid, uid = peer(connection)
        if uid != os.geteuid():
            connection.close()  # the folder is private; this is a second lock on the door
            return
        request = receive(connection, 5)
        if not hmac.compare_digest(str(request.get("key", "")).encode(), self.key.encode()):
            self._reply(connection, {"status": "refused", "message": "this server answers only its own user's grade"})
            connection.close()
            return
        if request.get("protocol") != PROTOCOL:
            self._stale(connection, "another version of the grader asked")
            return
        handler = getattr(self, f"op_{request.get('op')}", None)
        if handler is None:
            self._reply(connection, {"status": "error", "message": f"unknown op {request.get('op')!r}"})
            connection.close()
            return
        handler(connection, request)

    def _stale(self, connection: socket.socket, why: str) -> None:
        self._reply(connection, {"status": "stale", "message": why})
        connection.close()
        self.jobs.put(_STOP)

    def op_grade(self, connection: socket.socket, request: dict) -> None:
        why = self._out_of_date(str(request.get("engine")), Path(str(request.get("course"))))
        if why:
            self._stale(connection, why)
        elif not self.busy.acquire(blocking=False):
            self._reply(connection, {"status": "busy", "message": "the server is grading for another terminal"})
            connection.close()
        else:
            self.jobs.put((connection, request))  # the main thread replies and releases `busy`

    def _out_of_date(self, engine_key: str, course_root: Path) -> str | None:
        # The asking `grade` read the engine as it is now, with its own Python: a Python
        # upgraded in place shows there, not in this process's sys.version.
        if engine_key != self.engine_key:
            return "the grader, Python or torch changed since the server started"
        if self.course_root is not None and course_root != self.course_root:
            return f"another course ({course_root}) than the server's ({self.course_root})"
        if self.course_root is not None and course_fingerprint(course_root) != self.course_key:
            return "the course changed since the server started"
        return None

    def op_status(self, connection: socket.socket, request: dict) -> None:
        self._reply(connection, {"status": "running", "pid": os.getpid(), "started": self.started,
                                 "idle_timeout": self.idle, "graded": self.graded,
                                 "busy": self.busy.locked(), "python": sys.executable,
                                 "grader": str(GRADER_DIR),
                                 "course": str(self.course_root) if self.course_root else None,
                                 "socket": str(self.path)})
        connection.close()

    def op_stop(self, connection: socket.socket, request: dict) -> None:
        self._reply(connection, {"status": "stopping"})
        connection.close()
        self.jobs.put(_STOP)

    # ------------------------------------------------------------ the end

    def close(self) -> None:
        try:
            if os.stat(self.path).st_ino == self.socket_inode:  # a newer server may own the path now
                os.unlink(self.path)
        except OSError:
            pass
        self.listener.close()
        if self.zygote is not None:
            self.zygote.close()


def _kind(request: dict) -> tuple:
    """What one pytest session can grade: the same exercises under the same sandbox demands."""
    return tuple(request["exercises"]), tuple(request["required_layers"])


def _terminate(_signum, _frame):
    raise SystemExit(0)


def main(argv: list[str]) -> None:
    path, idle, engine_key = Path(argv[0]), float(argv[1]), argv[2]
    key = write_key(key_path(path))  # before the socket exists: no request without it
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(str(path))  # the `grade` that started it holds the lock and removed any dead socket
    except OSError as exc:
        print(f"grading server: cannot listen on {path}: {exc}", file=sys.stderr)
        return
    os.chmod(path, 0o600)
    listener.listen(16)
    server = Server(listener, path, idle, engine_key, key)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # its own session; Ctrl-C in a terminal is not for it
    try:
        server.run()
    finally:
        server.close()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)  # tearing torch down takes ~0.4 s and helps nobody


if __name__ == "__main__":
    main(sys.argv[1:])
