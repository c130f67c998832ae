"""A web server on 127.0.0.1 that misbehaves on purpose: it trickles, bombs and misredirects.

pytest-httpserver speaks correct HTTP; the fetcher must also survive servers that do not, so this
one writes whatever bytes a test scripts, at the pace it scripts, on a raw socket. Every connection
is served in its own daemon thread and closed when the script ends or the client goes away.
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

Script = Callable[[], Iterable[bytes]]


@contextmanager
def hostile_server(script: Script) -> Iterator[str]:
    """Serve ``script``'s chunks to every connection; yields the server's base URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                conn.recv(65536)  # the request; what it asks does not change the script
                for chunk in script():
                    if stop.is_set():
                        return
                    conn.sendall(chunk)
            except OSError:
                return  # the client gave up, as it should

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        listener.close()


def trickle(data: bytes, *, every: float, limit: float = 10.0) -> Iterator[bytes]:
    """``data`` one byte at a time, ``every`` seconds apart, for at most ``limit`` seconds."""
    ends = time.monotonic() + limit
    for byte in data:
        if time.monotonic() > ends:
            return
        time.sleep(every)
        yield bytes([byte])


def response(head: str, body: bytes = b"") -> bytes:
    """An HTTP/1.1 response from a status line and header lines (CRLFs added) and a body."""
    lines = head.strip().splitlines()
    return ("\r\n".join(line.strip() for line in lines) + "\r\n\r\n").encode("latin-1") + body


def gzip_bomb(decoded_bytes: int, *, layers: int = 2) -> bytes:
    """Zeros, gzipped ``layers`` times: a few kilobytes that decode to ``decoded_bytes``."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * 1_000_000
    parts = [compressor.compress(block) for _ in range(decoded_bytes // len(block))]
    data = b"".join(parts) + compressor.flush()
    for _ in range(layers - 1):
        data = gzip(data)
    return data


def gzip(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()


def deflate(data: bytes) -> bytes:
    return zlib.compress(data, 9)
