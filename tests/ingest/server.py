"""A local HTTP server for the ingestion tests: routes are plain Python callables."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False  # stream without a Content-Length
    delay: float = 0.0  # seconds before answering (a slow server)
    trickle: float = 0.0  # seconds between single bytes of the body (a slow-drip server)


Route = Callable[[BaseHTTPRequestHandler], Reply]


class LocalServer:
    """Serves `routes` (path -> Reply or callable) on 127.0.0.1 at a free port."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[dict[str, str]] = []
        self.release = threading.Event()
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                server.hits[path] += 1
                server.requests.append({k.lower(): v for k, v in self.headers.items()})
                route = server.routes.get(path)
                if route is None:
                    reply = Reply(404, b"not found", "text/plain")
                else:
                    reply = route(self) if callable(route) else route
                if reply.delay:
                    server.release.wait(reply.delay)
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                try:
                    self.send_response(reply.status)
                    if reply.content_type:
                        self.send_header("Content-Type", reply.content_type)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    if reply.trickle:
                        self.end_headers()
                        for byte in reply.body:
                            if server.release.wait(reply.trickle):
                                return
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                        return
                    if reply.chunked:
                        self.send_header("Connection", "close")
                        self.end_headers()
                        for start in range(0, len(reply.body), 65536):
                            self.wfile.write(reply.body[start : start + 65536])
                        return
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler


def html_page(title: str, paragraphs: list[str], *, published: str = "") -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>{meta}</head>"
        f"<body><nav>Home | World</nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright</footer></body></html>"
    ).encode()
