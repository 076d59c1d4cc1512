"""A real HTTP server on 127.0.0.1 for the live-source and download tests (test_live.py,
test_watch.py, test_gazetteer_import.py).

Runs in a thread of the test process. Routes are set per test: a path maps to a function
of the request that returns a ``Reply`` (status, headers, body, delays). The server keeps
what it saw (every request with its headers) and how many body bytes it managed to send
per path, so tests can assert what a client did: that it sent If-None-Match, that it did
not fetch a known page again, that it hung up on an endless body early.

The pages are strike reports written for the project in the style of wire copy; the
events in them are fictional.
"""

from __future__ import annotations

import html
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable
from urllib.parse import urlsplit


@dataclass
class Request:
    path: str
    query: str
    headers: dict[str, str]     # lower-cased names


@dataclass
class Reply:
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | Iterable[bytes] = b""
    delay: float = 0.0          # seconds before the status line
    body_delay: float = 0.0     # seconds between the headers and the body


Route = Callable[[Request], Reply]

PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                   "ALL_PROXY")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def keep_local(monkeypatch) -> None:
    """No proxies, and no name resolution beyond this machine: any other host name fails as
    an unknown host does (the DNS tests rely on it), so nothing reaches past 127.0.0.1."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in LOCAL_HOSTS:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


class LiveServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.sent: dict[str, int] = {}
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            # HTTP/1.0: no keep-alive, a body without Content-Length runs until the close
            protocol_version = "HTTP/1.0"

            def log_message(self, *args: object) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:
                server._handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        with self.lock:
            self.routes.clear()
            self.requests.clear()
            self.sent.clear()

    # -- what the server saw ---------------------------------------------------------------

    def seen(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    def hits(self, path: str) -> int:
        return len(self.seen(path))

    # -- routes ----------------------------------------------------------------------------

    def add(self, path: str, route: Route | Reply) -> None:
        self.routes[path] = route if callable(route) else (lambda req, reply=route: reply)

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
             headers: list[tuple[str, str]] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.add(path, Reply(headers=[("Content-Type", content_type),
                                      ("Content-Length", str(len(data)))] + (headers or []),
                             body=data))
        return self.url(path)

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        request = Request(parts.path, parts.query,
                          {k.lower(): v for k, v in handler.headers.items()})
        with self.lock:
            self.requests.append(request)
            route = self.routes.get(parts.path)
        reply = route(request) if route else Reply(404, [("Content-Type", "text/html")],
                                                   b"<html><body><p>Not here.</p></body></html>")
        try:
            if reply.delay:
                time.sleep(reply.delay)
            handler.send_response(reply.status)
            for name, value in reply.headers:
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.flush()
            if reply.body_delay:
                time.sleep(reply.body_delay)
            chunks = [reply.body] if isinstance(reply.body, bytes) else reply.body
            for chunk in chunks:
                handler.wfile.write(chunk)
                with self.lock:
                    self.sent[parts.path] = self.sent.get(parts.path, 0) + len(chunk)
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the client hung up: what the size-limit and timeout tests expect


# --- pages and feeds written for the tests ----------------------------------------------------

# (city, region, target, weapon, killed, injured, weekday): fictional strikes, real places
REPORTS = [
    ("Zaporizhzhia", "Zaporizhzhia", "an apartment block", "missiles", 3, 12, "Sunday"),
    ("Odesa", "Odesa", "grain warehouses in the port", "drones", 0, 2, "Monday"),
    ("Kharkiv", "Kharkiv", "a printing house", "glide bombs", 4, 9, "Tuesday"),
    ("Dnipro", "Dnipropetrovsk", "a bus station", "a ballistic missile", 2, 15, "Wednesday"),
    ("Sumy", "Sumy", "a power substation", "drones", 0, 1, "Thursday"),
    ("Mykolaiv", "Mykolaiv", "a school gym", "cruise missiles", 1, 4, "Friday"),
    ("Chernihiv", "Chernihiv", "a hotel", "missiles", 2, 6, "Saturday"),
    ("Kherson", "Kherson", "a covered market", "artillery", 1, 3, "Sunday"),
]


def report_text(n: int) -> tuple[str, str]:
    """(headline, paragraphs) of report number ``n``; every n gives a different text."""
    city, region, target, weapon, killed, injured, day = REPORTS[n % len(REPORTS)]
    round_ = n // len(REPORTS)
    headline = f"Russian {weapon} hit {target} in {city}"
    toll = (f"killing {killed} people and injuring {injured + round_}" if killed
            else f"injuring {injured + round_} people")
    paragraphs = [
        f"Russian {weapon} struck {target} in {city} early on {day}, {toll}, the head of "
        f"the {region} regional military administration said.",
        f"Emergency crews worked through the morning to put out fires and search the "
        f"damaged buildings, and {5 + n} nearby homes lost their windows, officials said.",
        f"Air defence units were active over the {region} region for several hours, the "
        f"regional administration said in its update number {100 + n}.",
    ]
    return headline, "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def article_page(n: int, *, published: str | None = "2024-03-10T07:30:00+02:00",
                 title: str | None = None, outlet: str = "Steppe Courier",
                 charset_meta: str | None = "utf-8") -> str:
    headline, body = report_text(n)
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    date = (f'<meta property="article:published_time" content="{published}">'
            if published else "")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>{meta}
<title>{html.escape(title or headline)} | {outlet}</title>
<meta property="og:title" content="{html.escape(title or headline)}">
<meta property="og:site_name" content="{outlet}">
{date}
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>{html.escape(title or headline)}</h1>
{body}
</article>
<footer>Copyright {outlet}. All rights reserved.</footer>
</body>
</html>
"""


def rss(items: list[tuple[str, str, str | None]], title: str = "Steppe Courier: war") -> str:
    """An RSS 2.0 feed of (link, title, pubDate) items."""
    parts = []
    for link, item_title, date in items:
        pub = f"<pubDate>{date}</pubDate>" if date else ""
        parts.append(f"<item><title>{html.escape(item_title)}</title><link>{html.escape(link)}"
                     f"</link><guid>{html.escape(link)}</guid>{pub}</item>")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{html.escape(title)}</title><link>http://127.0.0.1/</link>"
            f"<description>Reports</description><language>en-gb</language>"
            + "".join(parts) + "</channel></rss>")


def atom(entries: list[tuple[str, str, str | None, str]], title: str = "Dnipro Ledger") -> str:
    """An Atom feed of (href, title, published or None, updated) entries."""
    parts = []
    for href, entry_title, published, updated in entries:
        pub = f"<published>{published}</published>" if published else ""
        parts.append(f'<entry><title type="html">{html.escape(entry_title)}</title>'
                     f'<link rel="alternate" href="{html.escape(href)}"/>'
                     f"<id>urn:test:{html.escape(href)}</id>{pub}<updated>{updated}</updated>"
                     f"</entry>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{html.escape(title)}</title><id>urn:test:feed</id>"
            "<updated>2024-03-11T09:00:00Z</updated>" + "".join(parts) + "</feed>")
