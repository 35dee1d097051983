"""Zygote kernels: real Jupyter kernels forked from a warm process.

A *zygote* is a Python process that imports the kernel machinery and the heavy libraries
once (ipykernel, IPython, numpy, pandas, matplotlib, seaborn, whatever the caller preloads)
without creating a ZMQ context, a thread or an event loop. Asked over a Unix socket, it
forks one real ``IPKernelApp`` per request: the ordinary ``ipykernel_launcher`` command line
(fresh connection file and ports, ``--HistoryManager.hist_file=:memory:`` from nbclient), the
caller's environment, working directory, stdout and stderr, and a session of its own. It reaps
its children, tells the caller how each one exited and kills the rest of the child's process
group, so nothing a report started outlives it.

The caller side is stock jupyter_client: :class:`ZygoteProvisioner` is a kernel provisioner
(registered under the ``jupyter_client.kernel_provisioners`` entry point as ``kit-zygote``)
whose launch asks the zygote to fork instead of spawning ``python -m ipykernel_launcher``;
interrupt, timeouts, restart and kill work through the kernel's process group as with any
kernel. Where ``fork`` is missing or the zygote cannot start, it launches a normal kernel and
warns. :class:`BatchKernelManager` is the kernel manager the kit's batch hands to papermill.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import select
import selectors
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import DottedObjectName, Type

from kit.i18n import consultant_lang, t

PROVISIONER = "kit-zygote"
KERNEL_NAME = "kit-zygote"
INLINE = "module://matplotlib_inline.backend_inline"
# generic libraries a notebook kernel needs; importing them has no kernel-dependent side effect
# (matplotlib_inline and ipywidgets do: they register with the running shell at import)
PRELOAD = ("numpy", "pandas", "matplotlib", "matplotlib.pyplot", "seaborn", "IPython",
           "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "jedi",
           # what a kernel imports while it starts (measured): the debugger, tornado's queues
           "ipykernel.debugger", "IPython.core.debugger", "IPython.core.completerlib",
           "IPython.extensions.storemagic", "tornado.queues", "tornado.platform.asyncio",
           "sqlite3")
_HEADER = struct.Struct("!Q")


class ZygoteUnavailable(RuntimeWarning):
    """Reports run in normal kernels because no zygote could serve them."""


class ZygoteError(RuntimeError):
    """The zygote refused or failed a request."""


def _send(sock: socket.socket, message: dict, fds: Sequence[int] = ()) -> None:
    data = json.dumps(message).encode()
    packet = _HEADER.pack(len(data)) + data
    if fds:
        sent = socket.send_fds(sock, [packet], list(fds))
        packet = packet[sent:]
    if packet:
        sock.sendall(packet)


def _recv(sock: socket.socket, maxfds: int = 0) -> tuple[dict | None, list[int]]:
    """One message (None at end of stream) and the file descriptors sent with it."""
    if maxfds:
        data, fds, _flags, _addr = socket.recv_fds(sock, 65536, maxfds)
    else:
        data, fds = sock.recv(65536), []
    if not data:
        return None, fds
    while len(data) < _HEADER.size or len(data) < _HEADER.size + _HEADER.unpack_from(data)[0]:
        more = sock.recv(65536)
        if not more:
            return None, fds
        data += more
    size = _HEADER.unpack_from(data)[0]
    return json.loads(data[_HEADER.size:_HEADER.size + size]), fds


# ---------------------------------------------------------------------------------------------
# the zygote process


_IMPORT_ENV: dict[str, str] = {}  # variables the preloaded modules set at import


def _preload(modules: Iterable[str]) -> None:
    """Import ``modules`` the way a fresh kernel would see them imported."""
    os.environ.setdefault("MPLBACKEND", INLINE)  # ipykernel sets it before user code runs
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # the zygote's own, not passed on
    before = dict(os.environ)
    for name in modules:
        if ":" in name:  # module:function, called once (e.g. to open fonts every kernel uses)
            module, function = name.split(":", 1)
            getattr(importlib.import_module(module), function)()
        elif name.endswith(".*"):
            import pkgutil

            package = importlib.import_module(name[:-2])
            for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
                importlib.import_module(info.name)
        else:
            importlib.import_module(name)
    # e.g. debugpy sets PYDEVD_USE_FRAME_EVAL unless set: each kernel gets them again
    _IMPORT_ENV.update({k: v for k, v in os.environ.items() if before.get(k) != v})
    _pandas_as_in_a_kernel()


def _pandas_as_in_a_kernel() -> None:
    """pandas sizes ``display.max_columns`` when imported: 0 (fit the terminal) outside a
    kernel, 20 inside one. Imported here (by us or by the kit's package), it chose 0."""
    if "pandas" not in sys.modules:
        return
    from pandas._config import config as options  # the registered default, not just the value

    registered = options._registered_options.get("display.max_columns")
    if registered is not None and registered.defval == 0:
        options._registered_options["display.max_columns"] = registered._replace(defval=20)
        if sys.modules["pandas"].get_option("display.max_columns") == 0:
            sys.modules["pandas"].set_option("display.max_columns", 20)


def _integrate_with_shell() -> None:
    """Redo what preloaded modules do at import when a shell is running (none in the zygote)."""
    widgets = sys.modules.get("ipywidgets")  # seaborn imports it; it registers a comm target
    if widgets is not None and hasattr(widgets, "_handle_ipython"):
        widgets._handle_ipython()


def _child(request: dict, out_fd: int, err_fd: int, close: list, ready: int) -> None:
    """In the forked child: become a fresh ``python -m ipykernel_launcher`` and run it."""
    os.setsid()  # the kernel leads its own process group: one killpg ends everything it started
    os.write(ready, b"1")
    os.close(ready)
    signal.set_wakeup_fd(-1)
    for signum in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)
    for item in close:  # the zygote's sockets and pipes (detached: no double close later)
        with contextlib.suppress(OSError):
            os.close(item.detach() if isinstance(item, socket.socket) else item)
    with contextlib.suppress(Exception):  # Linux: die with the zygote
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    for fd in {null, out_fd, err_fd} - {0, 1, 2}:
        os.close(fd)
    os.chdir(request["cwd"])
    zygote_backend = os.environ.get("MPLBACKEND")
    os.environ.clear()
    os.environ.update(request["env"])
    for name, value in _IMPORT_ENV.items():
        os.environ.setdefault(name, value)
    if "matplotlib" in sys.modules and os.environ.get("MPLBACKEND", INLINE) != zygote_backend:
        sys.modules["matplotlib"].rcParams["backend"] = os.environ.get("MPLBACKEND", INLINE)
    if "numpy" in sys.modules:  # the fork copied the zygote's random state: draw a fresh one
        sys.modules["numpy"].random.seed()
    sys.argv = [request["launcher"], *request["args"]]
    from ipykernel.kernelapp import IPKernelApp

    env = os.environ
    code = 0
    app = None
    try:
        # traitlets read these two defaults from the zygote's environment at class definition
        app = IPKernelApp.instance(parent_handle=int(env.get("JPY_PARENT_PID") or 0),
                                   interrupt=int(env.get("JPY_INTERRUPT_EVENT") or 0))
        app.initialize(request["args"])
        _integrate_with_shell()
        app.start()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    # ipykernel's control thread may still be finishing its reply to the shutdown request
    # (a flush through IOPub); the kernel's exit handler closes IOPub, and a flush caught on
    # the wrong side of that waits until the kernel is killed (2.5 s, one report in ten).
    # Let it finish first: the reply was already sent, nothing the notebook shows changes.
    control = getattr(app, "control_thread", None)
    if control is not None and control.is_alive():
        control.join(timeout=1)
    # then what the interpreter does when a normal launch ends: wait for the threads that
    # are not daemons (user code's), then run the exit handlers (the kernel's own, IPython's
    # history, user code's)
    with contextlib.suppress(BaseException):
        threading._shutdown()  # type: ignore[attr-defined]
    with contextlib.suppress(BaseException):
        atexit._run_exitfuncs()
    with contextlib.suppress(BaseException):
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def serve(address: str, preload: Sequence[str]) -> None:
    """Run the zygote: preload, then fork a kernel per request on ``address`` until stdin closes.

    Protocol (one connection per kernel): the caller sends ``{"args", "env", "cwd"}`` with its
    stdout and stderr descriptors; the zygote answers ``{"pid"}`` once the child has its own
    session, then ``{"exit": status}`` when the child is reaped. A caller that hangs up
    before its kernel exits gets the kernel's process group killed.
    """
    if sys.path and (sys.path[0] in ("", os.getcwd())):
        del sys.path[0]  # as ipykernel_launcher does; IPython puts '' back in each kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the caller decides when we stop
    import gc

    import ipykernel_launcher

    _preload(preload)
    gc.collect()
    gc.freeze()  # keep the preloaded objects' pages shared between kernels
    launcher = ipykernel_launcher.__file__
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    os.set_blocking(wake_r, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_w)
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ, "accept")
    sel.register(0, selectors.EVENT_READ, "lifeline")
    sel.register(wake_r, selectors.EVENT_READ, "wake")
    kids: dict[int, socket.socket] = {}
    conns: dict[socket.socket, int | None] = {}
    os.write(1, b"ready\n")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)  # the caller stops reading: a stray print must not break a later flush
    os.close(null)

    def kill_group(pid: int) -> None:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)

    def reap() -> None:
        while kids:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if not pid:
                return
            kill_group(pid)  # whatever the kernel left running goes with it
            conn = kids.pop(pid, None)
            if conn is not None:
                with contextlib.suppress(OSError):
                    _send(conn, {"exit": os.waitstatus_to_exitcode(status)})
                sel.unregister(conn)
                conns.pop(conn, None)
                conn.close()

    def fork(conn: socket.socket, request: dict, fds: list[int]) -> None:
        ready_r, ready_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                others = [listener, wake_r, wake_w, ready_r, *conns]
                _child({**request, "launcher": launcher}, fds[0], fds[1], others, ready_w)
            finally:
                os._exit(1)
        os.close(ready_w)
        for fd in fds:
            os.close(fd)
        os.read(ready_r, 1)  # the child has its own session: the caller may signal the group
        os.close(ready_r)
        kids[pid] = conn
        conns[conn] = pid
        with contextlib.suppress(OSError):  # a caller gone already: its kernel goes at reaping
            _send(conn, {"pid": pid})

    try:
        while True:
            for key, _ in sel.select(timeout=1.0):
                if key.data == "accept":
                    conn, _ = listener.accept()
                    try:
                        request, fds = _recv(conn, maxfds=2)
                    except OSError:
                        conn.close()
                        continue
                    if request is None or len(fds) != 2:
                        for fd in fds:
                            os.close(fd)
                        conn.close()
                        continue
                    sel.register(conn, selectors.EVENT_READ, "conn")
                    conns[conn] = None
                    fork(conn, request, fds)
                elif key.data == "lifeline":
                    if not os.read(0, 4096):
                        return
                elif key.data == "wake":
                    with contextlib.suppress(BlockingIOError):
                        while os.read(wake_r, 4096):
                            pass
                else:  # a caller hung up or spoke out of turn: its kernel goes
                    conn = key.fileobj
                    assert isinstance(conn, socket.socket)
                    try:
                        gone = not conn.recv(4096)
                    except OSError:
                        gone = True
                    if gone:
                        pid = conns.pop(conn, None)
                        sel.unregister(conn)
                        conn.close()
                        if pid is not None:
                            kids[pid] = None  # type: ignore[assignment]
                            kill_group(pid)
            reap()
    finally:
        for pid in list(kids):
            kill_group(pid)
        with contextlib.suppress(OSError):  # our folder goes with us, whoever started us
            os.unlink(address)
            os.rmdir(os.path.dirname(address))
        os._exit(0)


# ---------------------------------------------------------------------------------------------
# the caller's side


class Kernel:
    """One forked kernel, as the caller sees it: its pid and how it exited."""

    def __init__(self, conn: socket.socket, pid: int):
        self.conn, self.pid = conn, pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit status once the zygote has reaped the kernel, else None."""
        if self.returncode is None:
            self.conn.setblocking(False)
            try:
                message, _ = _recv(self.conn)
            except (BlockingIOError, InterruptedError):
                return None
            except OSError:
                message = None
            finally:
                with contextlib.suppress(OSError):
                    self.conn.setblocking(True)
            self.returncode = int(message["exit"]) if message and "exit" in message else -9
            self.conn.close()
        return self.returncode

    def close(self) -> None:
        """Hang up (the zygote then kills the kernel's group if it still runs)."""
        self.conn.close()


class Zygote:
    """A zygote process this process started and owns (it dies with us).

    ``wait=False`` returns at once, while the zygote preloads (seconds): the first
    :meth:`spawn` (or :meth:`ready`) waits for it, so the caller can do other work meanwhile.
    """

    def __init__(self, preload: Sequence[str] = PRELOAD, start_timeout: float = 120,
                 wait: bool = True):
        if not hasattr(os, "fork") or not hasattr(socket, "send_fds"):
            raise ZygoteError("fork is not available on this platform")
        self.preload = tuple(preload)
        self._dir = tempfile.mkdtemp(prefix="kit-zygote-")
        self.address = os.path.join(self._dir, "socket")
        self.start_timeout = start_timeout
        env = dict(os.environ)
        env.setdefault("MPLBACKEND", INLINE)  # before anything (the kit itself) imports matplotlib
        self.proc: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-m", "kit.zygote", self.address, *self.preload],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True)
        self._pid, self._ready = self.proc.pid, False
        atexit.register(self.close)
        if wait:
            self.ready()

    @property
    def where(self) -> tuple[str, int]:
        """Its socket's address and its process id: what another process needs to
        :meth:`attach` to it."""
        return self.address, self.pid

    @property
    def pid(self) -> int:
        """The zygote's process id."""
        return self._pid

    @classmethod
    def attach(cls, where: tuple[str, int]) -> Zygote:
        """A handle on a zygote another process owns (a batch's workers share their parent's):
        ``where`` is that zygote's :attr:`where`."""
        handle = cls.__new__(cls)
        handle.preload, (handle.address, handle._pid), handle.proc = (), where, None
        handle._dir, handle._ready, handle.start_timeout = "", False, 120
        return handle

    def ready(self) -> None:
        """Wait until the zygote has preloaded and listens (ZygoteError if it never does)."""
        if self._ready:
            return
        if self.proc is None:  # attached: the zygote binds its socket once it has preloaded
            deadline = time.monotonic() + self.start_timeout
            while not os.path.exists(self.address):
                if not self.alive():
                    raise ZygoteError("the zygote stopped before it was ready")
                if time.monotonic() > deadline:
                    raise ZygoteError("the zygote did not start")
                time.sleep(0.02)
            self._ready = True
            return
        assert self.proc.stdout is not None
        timer = threading.Timer(self.start_timeout, self.proc.kill)
        timer.start()
        try:
            line = self.proc.stdout.readline()
        finally:
            timer.cancel()
        self.proc.stdout.close()
        if line != b"ready\n":
            self.close()
            raise ZygoteError(f"the zygote did not start (exit status {self.proc.poll()})")
        self._ready = True

    def alive(self) -> bool:
        """True while the zygote process runs."""
        return _pid_alive(self.pid) if self.proc is None else self.proc.poll() is None

    def _preloaded(self) -> bool:
        """True once the zygote has said it is ready (looked at without waiting)."""
        stdout = self.proc.stdout if self.proc is not None else None
        if self._ready or stdout is None or stdout.closed:
            return self._ready
        if select.select([stdout], [], [], 0)[0]:
            self._ready = stdout.readline() == b"ready\n"
        return self._ready

    def spawn(self, cmd: Sequence[str], env: dict[str, str], cwd: str | os.PathLike[str],
              stdout: int = 1, stderr: int = 2) -> Kernel:
        """Fork a kernel for ``cmd`` (an ``ipykernel_launcher`` command line)."""
        self.ready()
        if not self.alive():
            raise ZygoteError("the zygote is not running")
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            for attempt in range(50):  # bound a moment before it listens
                try:
                    conn.connect(self.address)
                    break
                except ConnectionRefusedError:
                    if attempt == 49 or self.proc is not None:
                        raise
                    time.sleep(0.01)
            _send(conn, {"args": list(cmd[3:]), "env": env, "cwd": os.fspath(cwd)},
                  [stdout, stderr])
            message, _ = _recv(conn)
        except OSError as exc:
            conn.close()
            raise ZygoteError(str(exc)) from exc
        if not message or "pid" not in message:
            conn.close()
            raise ZygoteError("the zygote did not fork a kernel")
        return Kernel(conn, int(message["pid"]))

    def close(self) -> None:
        """Stop the zygote (its kernels are killed with it); an attached handle just lets go."""
        if self.proc is None:
            return
        with contextlib.suppress(Exception):
            atexit.unregister(self.close)
        if not self._preloaded():  # still preloading: nothing to finish
            self.proc.kill()
        if self.proc.stdout and not self.proc.stdout.closed:
            self.proc.stdout.close()
        if self.proc.stdin and not self.proc.stdin.closed:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        with contextlib.suppress(OSError):
            os.unlink(self.address)
        with contextlib.suppress(OSError):
            os.rmdir(self._dir)


_shared: Zygote | None = None
_shared_pid: int | None = None
_failed = False


def start(preload: Sequence[str] = PRELOAD, wait: bool = True) -> Zygote | None:
    """This process's zygote, started now (with ``preload``) if it has none; None if it cannot
    start, with a :class:`ZygoteUnavailable` warning (reports then use normal kernels).
    ``wait=False``: return while it preloads (see :class:`Zygote`)."""
    global _shared, _shared_pid, _failed
    if _failed:
        return None
    if running():
        assert _shared is not None
        if wait:
            try:
                _shared.ready()
            except ZygoteError as exc:
                _shared, _failed = None, True
                _warn(str(exc))
                return None
        return _shared
    try:
        _shared, _shared_pid = Zygote(preload, wait=wait), os.getpid()
    except (ZygoteError, OSError) as exc:
        _failed = True
        _warn(str(exc))
        return None
    return _shared


def running() -> bool:
    """True when this process has a zygote (its own or its parent's, see :func:`use`)."""
    return _shared is not None and _shared_pid == os.getpid() and _shared.alive()


def _pid_alive(pid: int) -> bool:
    """True while process ``pid`` runs (a zombie waiting to be reaped has stopped)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except (OSError, IndexError):  # no /proc here: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def use(where: tuple[str, int]) -> None:
    """Fork this process's kernels with the zygote at ``where`` (:attr:`Zygote.where`),
    started by the parent of a batch's workers, who owns it: it ends when the parent ends."""
    global _shared, _shared_pid, _failed
    inherited = _shared if _shared is not None and _shared_pid != os.getpid() else None
    if inherited is not None and inherited.proc is not None:
        # a forked worker holds a copy of its parent's handle: the parent stops the zygote, and
        # the worker lets go of its copy of the lifeline, so the zygote ends with its owner
        with contextlib.suppress(Exception):
            atexit.unregister(inherited.close)
        if inherited.proc.stdin:
            with contextlib.suppress(OSError):
                inherited.proc.stdin.close()
    _shared, _shared_pid, _failed = Zygote.attach(where), os.getpid(), False


def stop() -> None:
    """Stop this process's zygote, if it started one."""
    global _shared, _failed
    if _shared is not None and _shared_pid == os.getpid():
        _shared.close()
    _shared, _failed = None, False


def _warn(reason: str) -> None:
    warnings.warn(t("zygote.fallback", consultant_lang(), reason=reason), ZygoteUnavailable,
                  stacklevel=3)


def _fd(stream: Any, default: int) -> int:
    """The file descriptor of a launch's ``stdout``/``stderr`` argument (a file or a number)."""
    if stream is None:
        return default
    return stream if isinstance(stream, int) else int(stream.fileno())


class ZygoteProvisioner(LocalProvisioner):  # type: ignore[misc]
    """Launch kernels by forking this process's zygote; a normal launch where it cannot."""

    kernel: Kernel | None = None

    @property
    def has_process(self) -> bool:
        """True while a kernel (forked or spawned) is running or unreaped."""
        return self.kernel is not None or super().has_process

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        """Ask the zygote to fork ``cmd``; fall back to spawning it."""
        forkable = (len(cmd) > 3 and cmd[1:3] == ["-m", "ipykernel_launcher"]
                    and os.path.realpath(cmd[0]) == os.path.realpath(sys.executable))
        zygote = start() if forkable else None
        if zygote is not None:
            env = dict(kwargs.get("env") or os.environ)
            env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher sets it
            cwd = kwargs.get("cwd") or os.getcwd()
            out, err = (_fd(kwargs.get(name), default) for name, default in
                        (("stdout", 1), ("stderr", 2)))
            try:
                self.kernel = zygote.spawn(cmd, env, cwd, out, err)
            except ZygoteError as exc:
                _warn(str(exc))
            else:
                self.pid = self.pgid = self.kernel.pid
                self.cwd = cwd
                return self.connection_info
        return await super().launch_kernel(cmd, **kwargs)

    async def poll(self) -> int | None:
        """None while the kernel runs, else its exit status."""
        if self.kernel is not None:
            return self.kernel.poll()
        return await super().poll()

    async def wait(self) -> int | None:
        """Wait until the kernel has exited."""
        import asyncio

        if self.kernel is not None:
            while (code := self.kernel.poll()) is None:
                await asyncio.sleep(0.01)
            self.kernel = None
            return code
        return await super().wait()

    async def send_signal(self, signum: int) -> None:
        """Signal the kernel's process group."""
        if self.kernel is not None:
            if self.kernel.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.kernel.pid, signum)
            return
        await super().send_signal(signum)

    async def kill(self, restart: bool = False) -> None:
        """Kill the kernel and everything in its process group."""
        if self.kernel is not None:
            await self.send_signal(signal.SIGKILL)
            return
        await super().kill(restart)

    async def terminate(self, restart: bool = False) -> None:
        """Ask the kernel's process group to terminate."""
        if self.kernel is not None:
            await self.send_signal(signal.SIGTERM)
            return
        await super().terminate(restart)

    async def cleanup(self, restart: bool = False) -> None:
        """Kill what the kernel left running; hang up on the zygote; return the ports."""
        if self.kernel is not None:
            if self.kernel.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.kernel.pid, signal.SIGKILL)
            self.kernel.close()
            self.kernel = None
        await super().cleanup(restart)


def kernel_spec(name: str = KERNEL_NAME) -> KernelSpec:
    """The kit's kernelspec: this Python's ipykernel, launched through the zygote."""
    return KernelSpec(
        name=name, display_name="Python 3 (kit zygote)", language="python",
        argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        kernel_protocol_version="5.5",
        metadata={"debugger": True, "supported_encryption": ["curve"],  # as ipykernel's python3
                  "kernel_provisioner": {"provisioner_name": PROVISIONER}},
        resource_dir=str(Path(__file__).parent))


def install_kernel_spec(prefix: str | None = None) -> str:
    """Install the ``kit-zygote`` kernelspec (for ``papermill -k kit-zygote`` or JupyterLab)."""
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / KERNEL_NAME
        folder.mkdir()
        spec = kernel_spec().to_dict()
        (folder / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
        return KernelSpecManager().install_kernel_spec(
            str(folder), KERNEL_NAME, prefix=prefix or sys.prefix)


class BatchKernelClient(AsyncKernelClient):
    """A kernel client that does not sit idle once the kernel has answered.

    jupyter_client's ``wait_for_ready`` ends by draining IOPub until it has been quiet for
    0.2 s: a fifth of a second per report. A kernel that has answered ``kernel_info`` has
    nothing else to say; whatever still comes answers that request, and nbclient tells it
    apart from a cell's output by its parent message id.
    """

    def _context_default(self) -> Any:
        """The client's own ZMQ context, whose sockets retry a refused connection every 5 ms
        (ZMQ's default, 100 ms, costs a report up to two tenths of a second: the client
        connects before the new kernel has bound its ports, then waits for the next retry,
        and IOPub messages the kernel sends meanwhile are lost)."""
        context = super()._context_default()
        context.setsockopt(zmq.RECONNECT_IVL, 5)
        return context

    async def wait_for_ready(self, timeout: float | None = None) -> None:  # type: ignore[override]
        """Wait for the kernel's ``kernel_info`` reply and for IOPub to carry its status."""
        from queue import Empty

        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            request = self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if (msg["msg_type"] == "kernel_info_reply"
                        and await self._iopub_answers(request)):
                    self._handle_kernel_info_reply(msg)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        while True:
            try:
                await self.iopub_channel.get_msg(timeout=0.01)
            except Empty:
                break

    async def _iopub_answers(self, request: str) -> bool:
        """True once IOPub carries a message about ``request``: subscribed to this kernel
        (not just holding a stale message from before a restart)."""
        from queue import Empty

        while True:
            try:
                msg = await self.iopub_channel.get_msg(timeout=0.2)
            except Empty:
                return False
            if msg["parent_header"].get("msg_id") == request:
                return True


class BatchKernelManager(AsyncKernelManager):
    """The kernel manager of batch runs: the zygote kernelspec, and no Jupyter session.

    A batch kernel is told explicitly that no front end is attached: ``JPY_SESSION_NAME`` is
    not passed on, even when the batch itself was started from inside a Jupyter kernel.
    """

    zygote = True
    client_class = DottedObjectName("kit.zygote.BatchKernelClient")
    client_factory = Type(BatchKernelClient, klass=AsyncKernelClient)

    @property
    def kernel_spec(self) -> KernelSpec | None:
        """The kit-zygote kernelspec (or the named one, for the ``papermill`` engine)."""
        if self._kernel_spec is None and self.zygote:
            self._kernel_spec = kernel_spec()
        return super().kernel_spec

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        # a zygote reports its kernel's exit at once: look more often than every 0.1 s
        await super()._async_wait(pollinterval=min(pollinterval, 0.01))

    #: Where the kernel process's own output goes (its log lines, a crash's last words)
    #: instead of the batch's terminal: a file the report's log takes in (see
    #: :func:`kernel_manager`). A notebook's output is never there: it is in the notebook.
    kernel_output: str | None = None

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        env = dict(kw.pop("env", None) or os.environ)
        env.pop("JPY_SESSION_NAME", None)
        if self.kernel_output and getattr(self, "_kernel_output_file", None) is None:
            log = open(self.kernel_output, "ab")  # noqa: SIM115  (closed with the kernel)
            self._kernel_output_file = log
            kw.setdefault("stdout", log)
            kw.setdefault("stderr", log)
        return await super()._async_pre_start_kernel(env=env, **kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        log = getattr(self, "_kernel_output_file", None)
        if log is not None and not restart:  # a restarted kernel writes on to the same file
            log.close()


class StockBatchKernelManager(BatchKernelManager):
    """Normal (spawned) kernels, with the batch environment: the ``papermill`` engine."""

    zygote = False
    client_class = DottedObjectName("jupyter_client.asynchronous.AsyncKernelClient")
    client_factory = Type(AsyncKernelClient, klass=AsyncKernelClient)


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2:])
