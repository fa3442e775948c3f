"""Benchmark of ``kg serve`` on loopback: requests per second and latency percentiles for an
event page (HTML and Turtle) and for a competency query through the SPARQL endpoint.

A script, not a test: it starts the server in a child process on a free 127.0.0.1 port, sends a
bounded number of requests per scenario (``--requests``, default 500) from a few client
threads, prints the figures and stops the server. Nothing leaves the machine.

    .venv/bin/python benchmarks/serve_bench.py [--store DIR] [--requests 500] [--clients 4]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
EVENT = "/event/battle-of-lere-2023"


def _serve(store: str, port: int, cache_size: int) -> None:
    """The child process: the server alone, so the client threads do not slow it down."""
    import uvicorn

    from kg.serve import create_app

    uvicorn.run(create_app(Path(store), cache_size=cache_size), host=HOST, port=port,
                log_level="warning")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the server did not answer at {url}")


def _run(url: str, requests: int, clients: int, **kwargs) -> dict[str, float]:
    """Send ``requests`` requests from ``clients`` threads; latency in milliseconds."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = iter(range(requests))

    def client() -> None:
        nonlocal errors
        with httpx.Client(timeout=30) as http:
            while True:
                with lock:
                    if next(remaining, None) is None:
                        return
                start = time.perf_counter()
                response = http.get(url, **kwargs)
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors += response.status_code != 200

    with httpx.Client() as warm:  # first requests open the store and start the query workers
        for _ in range(3):
            warm.get(url, **kwargs)
    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {"rps": len(latencies) / wall, "p50": statistics.median(latencies),
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
            "errors": errors, "n": len(latencies)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="store folder (default: build seeds/ into a temp dir)")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--no-cache", action="store_true",
                        help="render every page anew (the server caches pages per build)")
    parser.add_argument("--serve", nargs=3, metavar=("STORE", "PORT", "CACHE"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        _serve(args.serve[0], int(args.serve[1]), int(args.serve[2]))
        return 0
    requests = max(1, min(args.requests, 5000))  # bounded, whatever is asked
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            from kg.build import build

            store = str(Path(tmp) / "store")
            build([ROOT / "seeds"], store=store)
        port = _free_port()
        cache = "0" if args.no_cache else "1024"
        server = subprocess.Popen([sys.executable, __file__, "--serve", store, str(port), cache])
        base = f"http://{HOST}:{port}"
        try:
            _wait(f"{base}/")
            query = (ROOT / "queries" / "cq3-casualty-claims.rq").read_text(encoding="utf-8")
            scenarios = [
                ("event page, HTML", f"{base}{EVENT}", {"headers": {"Accept": "text/html"}}),
                ("event, Turtle", f"{base}{EVENT}", {"headers": {"Accept": "text/turtle"}}),
                ("SPARQL cq3, JSON", f"{base}/sparql",
                 {"params": {"query": query},
                  "headers": {"Accept": "application/sparql-results+json"}}),
            ]
            print(f"kg serve on {base}, {requests} requests per scenario, "
                  f"{args.clients} client threads, page cache {'off' if args.no_cache else 'on'}")
            print(f"{'scenario':<20} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
            for name, url, kwargs in scenarios:
                r = _run(url, requests, args.clients, **kwargs)
                print(f"{name:<20} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
                      f"{r['errors']:>7}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
