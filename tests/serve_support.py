"""Helpers shared by the publishing tests: free loopback ports, a live uvicorn server in a
thread, and SPARQL answers reduced to comparable sets of rows."""
from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pyoxigraph as ox

LOOPBACK = "127.0.0.1"  # every server the tests start listens on loopback only


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {LOOPBACK}:{port} after {timeout} s")


@contextlib.contextmanager
def live_server(app) -> Iterator[str]:
    """Run an ASGI app under uvicorn in a background thread; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host=LOOPBACK, port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def rows(results: ox.QuerySolutions | ox.QueryBoolean) -> set[tuple[str, ...]] | bool:
    """SPARQL results as a set of rows of N-Triples terms, for comparing two engines.

    ``GROUP_CONCAT`` joins values in evaluation order, which differs between stores holding the
    same data, so a literal joined with "|" (the separator of the competency queries) is
    compared as the sorted set of its parts.
    """
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    names = [v.value for v in results.variables]
    out = set()
    for solution in results:
        row = []
        for name in names:
            term = solution[name]
            if isinstance(term, ox.Literal) and "|" in term.value:
                joined = "|".join(sorted(term.value.split("|")))
                term = (ox.Literal(joined, language=term.language) if term.language
                        else ox.Literal(joined, datatype=term.datatype))
            row.append("" if term is None else str(term))
        out.add(tuple(row))
    return out
