"""The part both fake APIs share: a Starlette app served by uvicorn in a background thread on loopback."""
from __future__ import annotations

import socket
import threading
import time

import uvicorn
from starlette.applications import Starlette


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LoopbackServer:
    """Serve `app()` on 127.0.0.1:`port` in a thread; `with` starts and stops it."""

    thread_name = "fake-api"

    def __init__(self) -> None:
        self.port = free_port()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def stopping(self) -> bool:
        return bool(self._server and self._server.should_exit)

    def app(self) -> Starlette:
        raise NotImplementedError

    def start(self):
        config = uvicorn.Config(self.app(), host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="off", timeout_keep_alive=30)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name=self.thread_name, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"{self.thread_name} server did not start on port {self.port}")
            time.sleep(0.02)
        return self

    def on_stop(self) -> None:
        """Wake anything waiting inside a request (a long poll) so that the server can stop."""

    def stop(self) -> None:
        if self._server:
            self._server.should_exit = True
            self.on_stop()
        if self._thread:
            self._thread.join(timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
