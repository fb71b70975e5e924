"""A TCP relay in front of the LRS that can fail the way networks and servers do, on purpose.

Modes, per request: "pass" relays it; "drop" relays the request to the LRS (which
stores the batch) and then closes the student's connection before any answer, as a
dropped network does mid-batch; "503" answers Service Unavailable without relaying;
"stall" waits `stall_s` before relaying; "hold" waits until `release` is set.
`script` lists the modes for the next requests; after it runs out, `mode` applies.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Behaviour:
    mode: str = "pass"
    script: list[str] = field(default_factory=list)
    stall_s: float = 5.0
    release: threading.Event = field(default_factory=threading.Event)
    seen: list[str] = field(default_factory=list)  # the mode each request met

    def next(self) -> str:
        chosen = self.script.pop(0) if self.script else self.mode
        self.seen.append(chosen)
        return chosen


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _relay(request: bytes, upstream: tuple[str, int]) -> bytes:
    with socket.create_connection(upstream, timeout=30) as out:
        out.sendall(request)
        answer = b""
        while chunk := out.recv(65536):
            answer += chunk
    return answer


@contextmanager
def relay(target_url: str, behaviour: Behaviour) -> Iterator[str]:
    """Serve on a free loopback port; yields the target URL rewritten to go through the relay."""
    parts = urlsplit(target_url)
    upstream = (parts.hostname or "127.0.0.1", parts.port or 80)

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            request = _read_request(self.request)
            if not request:
                return
            mode = behaviour.next()
            if mode == "503":
                self.request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
                return
            if mode == "stall":
                time.sleep(behaviour.stall_s)
            if mode == "hold":
                behaviour.release.wait(60)
            answer = _relay(request, upstream)
            if mode != "drop":
                self.request.sendall(answer)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        yield target_url.replace(f"{parts.hostname}:{parts.port}", f"127.0.0.1:{port}", 1)
    finally:
        server.shutdown()
        server.server_close()
