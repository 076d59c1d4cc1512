"""HTTP: fetch one URL politely and defensively, for article pages and feeds.

This is the one place where strikewatch talks to the network, so the guard rails live here:

- timeouts on connecting and on every read, and a deadline for the whole download (a server
  that trickles one byte every few seconds never trips a read timeout);
- retries with exponential backoff on what a later attempt may cure: connection errors,
  timeouts, 5xx gateway and overload answers and 429 (a ``Retry-After`` is obeyed, up to
  ``max_backoff``; asked to wait longer, the fetch gives up rather than hang a batch);
- a clear ``User-Agent`` naming the tool, so site operators know who is calling;
- redirects followed up to a limit, http(s) only;
- a size limit enforced while streaming: a declared ``Content-Length`` over the limit is
  refused before the body is read, and an undeclared one is cut off as soon as it passes
  the limit (a 2 GB body costs the limit, not 2 GB);
- a content-type check before the body is read, so an image or a video is not downloaded.

Every failure is a ``FetchError`` with one line for a person ("HTTP 500 Internal Server
Error after 4 attempts", "DNS lookup failed: host not found") and ``retry_later``: whether a
later poll may succeed (a timeout may, a 410 Gone will not). Decoding the body (charset) is
the caller's business: ``Response.charset`` carries what the server declared.

Needs the ``live`` extra (httpx).
"""

from __future__ import annotations

import email.utils
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Collection
from urllib.parse import urlsplit

import httpx

from .. import __version__

USER_AGENT = f"strikewatch/{__version__} (+https://example.org/strikewatch)"

# Answers a second attempt within the same fetch may cure: a server under load, a gateway
# hiccup, a rate limit.
RETRY_STATUSES: frozenset[int] = frozenset({408, 425, 429, 500, 502, 503, 504})
# Answers no later attempt will change: the request or the resource is refused for good. Other
# 4xx (404 above all: a feed often announces a page before the site serves it) may change by
# the next poll.
FINAL_STATUSES: frozenset[int] = frozenset({400, 401, 405, 406, 410, 411, 413, 414, 415, 451, 501,
                                            505})

# getaddrinfo errors that mean "ask again shortly", not "no such host"
_TRANSIENT_DNS_ERRORS = frozenset(
    code for code in (getattr(socket, "EAI_AGAIN", None),) if code is not None)


@dataclass(frozen=True)
class HttpSettings:
    """Guard rails for fetching; the defaults suit news sites polled every few minutes."""

    connect_timeout: float = 10.0       # seconds to open the connection
    read_timeout: float = 30.0          # seconds of silence tolerated while reading
    total_timeout: float = 120.0        # seconds for one whole download
    retries: int = 3                    # further attempts after the first
    backoff: float = 1.0                # first wait between attempts; doubles each time
    max_backoff: float = 60.0           # longest single wait, Retry-After included
    max_redirects: int = 5
    max_feed_bytes: int = 10_000_000    # pages are limited by Options.max_article_bytes
    user_agent: str = USER_AGENT
    # proxies and certificates from the environment (HTTPS_PROXY, SSL_CERT_FILE), as users
    # behind an institutional proxy need; tests switch it off
    trust_env: bool = True


DEFAULT_SETTINGS = HttpSettings()


@dataclass(frozen=True)
class Response:
    """A successful answer: 2xx with its body, or 304 Not Modified (empty body)."""

    url: str                        # as requested
    final_url: str                  # after redirects
    status: int
    body: bytes
    media_type: str | None          # "text/html", lower-cased, without parameters
    charset: str | None             # as the Content-Type header declares it
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 1
    redirects: int = 0


class FetchError(Exception):
    """A URL that gave no usable answer; ``reason`` is one line for a person."""

    def __init__(self, url: str, reason: str, *, retry_later: bool = True,
                 status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retry_later = retry_later
        self.status = status


class _Retry(Exception):
    """One attempt failed in a way a further attempt may cure."""

    def __init__(self, reason: str, status: int | None = None,
                 wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.wait = wait


def check_url(url: str) -> str | None:
    """Why ``url`` cannot be fetched (None when it can): only http(s) URLs with a host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http(s) URL (scheme {parts.scheme or 'missing'!r})"
    if not parts.hostname:
        return "URL has no host name"
    return None


def media_type_of(content_type: str | None) -> tuple[str | None, str | None]:
    """``("text/html", "windows-1251")`` from ``"text/html; charset=windows-1251"``."""
    if not content_type:
        return None, None
    media, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower() or None, charset


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _dns_error(exc: BaseException) -> socket.gaierror | None:
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, socket.gaierror):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return None


def _detail(exc: BaseException) -> str:
    """The innermost message of an exception chain, on one line."""
    messages = []
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        text = " ".join(str(exc).split())
        if text:
            messages.append(text)
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return (messages[-1] if messages else "unknown error")[:160]


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


class Fetcher:
    """One HTTP client with the guard rails above; reuse it for many URLs, then ``close()``.

    ``sleep`` and ``clock`` are injectable so that tests need not wait for backoffs.
    """

    def __init__(self, settings: HttpSettings = DEFAULT_SETTINGS, *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self._sleep = sleep
        self._clock = clock
        self.client = httpx.Client(
            timeout=httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                                  write=settings.read_timeout, pool=settings.connect_timeout),
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            headers={"User-Agent": settings.user_agent},
            trust_env=settings.trust_env,
            transport=transport,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, max_bytes: int, accept: str = "*/*",
            media_types: Collection[str] | None = None, what: str = "a page",
            etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url``: the body of a 2xx answer, or a 304 when the validators still hold.

        ``media_types``: the content types accepted (a missing Content-Type is accepted, the
        caller sniffs the body); anything else is refused before its body is read, with
        ``what`` in the message ("not a page: content-type image/png"). Raises FetchError.
        """
        problem = check_url(url)
        if problem:
            raise FetchError(url, problem, retry_later=False)
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._attempt(url, headers, max_bytes, media_types, what, attempt)
            except _Retry as retry:
                s = self.settings
                tries = f"{attempt} attempt" + ("s" if attempt > 1 else "")
                if attempt > s.retries:
                    raise FetchError(url, f"{retry.reason} after {tries}",
                                     status=retry.status) from None
                wait = min(s.backoff * 2 ** (attempt - 1), s.max_backoff)
                if retry.wait is not None:
                    if retry.wait > s.max_backoff:
                        raise FetchError(
                            url, f"{retry.reason}; the server asks to wait {retry.wait:.0f} s "
                                 f"(Retry-After), longer than the {s.max_backoff:g} s allowed",
                            status=retry.status) from None
                    wait = retry.wait
                self._sleep(wait)

    # -- one attempt -------------------------------------------------------------------

    def _attempt(self, url: str, headers: dict[str, str], max_bytes: int,
                 media_types: Collection[str] | None, what: str, attempt: int) -> Response:
        s = self.settings
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                return self._read(url, response, max_bytes, media_types, what, attempt)
        except (FetchError, _Retry):
            raise
        except httpx.TooManyRedirects:
            raise FetchError(url, f"too many redirects (more than {s.max_redirects})",
                             retry_later=False) from None
        except httpx.UnsupportedProtocol as exc:
            raise FetchError(url, f"redirected to a URL that is not http(s) ({_detail(exc)})",
                             retry_later=False) from None
        except httpx.ConnectTimeout:
            raise _Retry(f"timed out connecting to {_host(url)} "
                         f"(no answer in {s.connect_timeout:g} s)") from None
        except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout):
            raise _Retry(f"timed out waiting for the server (no data for "
                         f"{s.read_timeout:g} s)") from None
        except httpx.ConnectError as exc:
            dns = _dns_error(exc)
            if dns is not None:
                reason = f"DNS lookup failed: host {_host(url)} not found ({dns.strerror or dns})"
                if dns.errno in _TRANSIENT_DNS_ERRORS:
                    raise _Retry(reason) from None
                raise FetchError(url, reason) from None
            raise _Retry(f"cannot connect to {_host(url)} ({_detail(exc)})") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise _Retry(f"connection broken ({_detail(exc)})") from None
        except httpx.DecodingError as exc:
            raise FetchError(url, f"cannot decode the response body ({_detail(exc)})",
                             retry_later=False) from None
        except (httpx.InvalidURL, httpx.LocalProtocolError) as exc:
            raise FetchError(url, f"invalid request ({_detail(exc)})",
                             retry_later=False) from None
        except httpx.HTTPError as exc:  # anything else httpx knows: one URL lost, not the batch
            raise FetchError(url, f"{type(exc).__name__}: {_detail(exc)}") from None

    def _read(self, url: str, response: httpx.Response, max_bytes: int,
              media_types: Collection[str] | None, what: str, attempt: int) -> Response:
        s = self.settings
        status = response.status_code
        media, charset = media_type_of(response.headers.get("content-type"))
        common = dict(url=url, final_url=str(response.url), status=status, media_type=media,
                      charset=charset, etag=response.headers.get("etag"),
                      last_modified=response.headers.get("last-modified"), attempts=attempt,
                      redirects=len(response.history))
        if status == 304:
            return Response(body=b"", **common)  # type: ignore[arg-type]
        phrase = f"HTTP {status} {response.reason_phrase}".strip()
        if status in RETRY_STATUSES:
            raise _Retry(phrase, status, retry_after_seconds(response.headers.get("retry-after")))
        if status >= 400:
            raise FetchError(url, phrase, status=status, retry_later=status not in FINAL_STATUSES)
        if not 200 <= status < 300:
            raise FetchError(url, f"{phrase}: not an answer with a body", status=status,
                             retry_later=False)
        if media_types is not None and media is not None and media not in media_types:
            raise FetchError(url, f"not {what}: content-type {media}", status=status,
                             retry_later=False)
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(url, f"response is {int(declared):,} bytes (Content-Length), over "
                                  f"the limit of {max_bytes:,} bytes: not downloaded",
                             status=status, retry_later=False)
        deadline = self._clock() + s.total_timeout
        parts: list[bytes] = []
        size = 0
        # iter_bytes undoes gzip/deflate: the limit counts what would be held in memory
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(url, f"response is over the limit of {max_bytes:,} bytes: "
                                      f"download stopped", status=status, retry_later=False)
            if self._clock() > deadline:
                raise FetchError(url, f"download took longer than {s.total_timeout:g} s: "
                                      f"stopped", status=status)
            parts.append(chunk)
        return Response(body=b"".join(parts), **common)  # type: ignore[arg-type]
