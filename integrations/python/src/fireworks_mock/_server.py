"""`MockServer`: runs the fireworks-mock binary as a child process for as long as a `with` block lasts."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO, List, Optional, Sequence, Type, Union

from ._mock import FireworksMock

BINARY_VARIABLE = "FIREWORKS_MOCK_BIN"
_START_LINE = re.compile(r"^fireworks-mock listening on (https?)://(\S+)$", re.MULTILINE)

PathLike = Union[str, "os.PathLike[str]"]


class MockStartError(RuntimeError):
    """The mock could not be found, or did not start; the message carries what it wrote to stderr."""


def find_binary(binary: Optional[PathLike] = None) -> str:
    """The binary to run: `binary` if given, else `$FIREWORKS_MOCK_BIN`, else `fireworks-mock` on `PATH`."""
    if binary is not None:
        chosen, origin = os.fspath(binary), "the binary argument"
    elif os.environ.get(BINARY_VARIABLE):
        chosen, origin = os.environ[BINARY_VARIABLE], BINARY_VARIABLE
    else:
        found = shutil.which("fireworks-mock")
        if found is None:
            raise MockStartError(
                f"fireworks-mock not found: pass binary=..., set {BINARY_VARIABLE}, or put fireworks-mock on PATH"
            )
        return found
    if not os.access(chosen, os.X_OK) or os.path.isdir(chosen):
        raise MockStartError(f"{chosen} (from {origin}) is not an executable file")
    return chosen


class MockServer(FireworksMock):
    """A fireworks-mock process of its own, on a free port unless `port` is given.

    ```
    with MockServer() as mock:
        client = anthropic.Anthropic(api_key="k", base_url=mock.base_url)
    ```

    `responses` is the script directory (`--responses`); `args` are more command-line options. With `tls=True`
    the mock also serves HTTPS with a self-signed test CA, on a free port: `tls_url`, `tls_base_url` and
    `ca_file` (the CA certificate to trust) are then set. Leaving the block stops the process with SIGTERM, then
    SIGKILL if it has not ended within `stop_timeout` seconds. `stderr()` returns what the server logged.
    """

    def __init__(
        self,
        binary: Optional[PathLike] = None,
        port: int = 0,
        responses: Optional[PathLike] = None,
        args: Sequence[str] = (),
        *,
        tls: bool = False,
        host: str = "127.0.0.1",
        admin_token: Optional[str] = None,
        start_timeout: float = 30.0,
        stop_timeout: float = 5.0,
    ) -> None:
        super().__init__(f"http://{host}:{port}", admin_token=admin_token)
        self.binary = find_binary(binary)
        self.port = port
        self.host = host
        self.responses = os.fspath(responses) if responses is not None else None
        self.args = list(args)
        self.tls = tls
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.process: Optional["subprocess.Popen[bytes]"] = None
        self._directory: Optional[tempfile.TemporaryDirectory[str]] = None
        self._command: List[str] = []
        self._log = ""
        self._stderr: Optional[IO[bytes]] = None
        if "--tls-ca-out" in self.args[:-1]:
            self.ca_file = self.args[self.args.index("--tls-ca-out") + 1]

    def command(self) -> List[str]:
        """The command line the server is started with."""
        command = [self.binary, "serve", "--host", self.host, "--port", str(self.port)]
        if self.responses is not None:
            command += ["--responses", self.responses]
        if self.admin_token:
            command += ["--admin-token", self.admin_token]
        if self.tls:
            assert self._directory is not None
            self.ca_file = os.path.join(self._directory.name, "ca.pem")
            command += ["--tls-port", "0", "--tls-self-signed", "--tls-ca-out", self.ca_file]
        return command + self.args

    def _expects_tls(self) -> bool:
        return self.tls or "--tls-port" in self.args or bool(os.environ.get("FIREWORKS_MOCK_TLS_PORT"))

    def start(self) -> MockServer:
        """Starts the process and returns once it answers `GET /health`."""
        if self.process is not None:
            raise RuntimeError("this MockServer has already been started")
        self._directory = tempfile.TemporaryDirectory(prefix="fireworks-mock-")
        stdout = open(os.path.join(self._directory.name, "stdout"), "w+b")
        self._stderr = open(os.path.join(self._directory.name, "stderr"), "w+b")
        self._command = self.command()
        try:
            self.process = subprocess.Popen(
                self._command,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=self._stderr,
                # No crash backtracer: it would keep a server that has to be killed alive for a while.
                env={**os.environ, "SWIFT_BACKTRACE": "enable=no"},
            )
        except OSError as error:
            self._cleanup()
            raise MockStartError(f"cannot run {self.binary}: {error}") from None
        finally:
            stdout.close()
        try:
            self._wait_until_ready(Path(self._directory.name, "stdout"))
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_ready(self, stdout: Path) -> None:
        deadline = time.monotonic() + self.start_timeout
        lines = 2 if self._expects_tls() else 1
        while True:
            found = dict((scheme, address) for scheme, address in _START_LINE.findall(stdout.read_text()))
            if len(found) >= lines:
                break
            self._check_alive_before(deadline, "print its start line")
            time.sleep(0.02)
        self.url = "http://" + found["http"]
        self.port = int(found["http"].rsplit(":", 1)[1])
        if "https" in found:
            self.tls_url = "https://" + found["https"]
        while not self.healthy():
            self._check_alive_before(deadline, "answer GET /health")
            time.sleep(0.05)
        if self.ca_file is not None and not os.path.exists(self.ca_file):
            raise self._failure("wrote no CA certificate")

    def _check_alive_before(self, deadline: float, step: str) -> None:
        assert self.process is not None
        if self.process.poll() is not None:
            raise self._failure(f"exited with code {self.process.returncode} before it could {step}")
        if time.monotonic() > deadline:
            raise self._failure(f"did not {step} within {self.start_timeout:g} s")

    def _failure(self, what: str) -> MockStartError:
        command = " ".join(self._command)
        return MockStartError(f"fireworks-mock {what}: {command}\n--- its stderr ---\n{self.stderr()}")

    def stderr(self) -> str:
        """What the server has written to stderr (its log) so far, or in all once it has stopped."""
        if self._directory is None:
            return self._log
        return Path(self._directory.name, "stderr").read_text(errors="replace")

    def stop(self) -> Optional[int]:
        """Stops the process (SIGTERM, then SIGKILL after `stop_timeout` s); returns its exit code."""
        code = None
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                code = self.process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                code = self.process.wait()
        elif self.process is not None:
            code = self.process.returncode
        self._cleanup()
        return code

    def _cleanup(self) -> None:
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self._directory is not None:
            self._log = self.stderr()
            self._directory.cleanup()
            self._directory = None

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(
        self,
        kind: Optional[Type[BaseException]],
        value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.stop()
