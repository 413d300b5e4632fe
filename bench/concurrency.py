"""Many paced streams open at once on loopback: one wave of N concurrent streams, for bench/concurrency.sh.

Each connection asks for a stream with `x-mock-stream: delay=<gap>`, reads it to its last chunk, then closes
with a reset (SO_LINGER 0). Neither side then keeps the connection in TIME_WAIT, so waves of 10,000
connections one after another do not run out of loopback ports.

Usage: python3 bench/concurrency.py http://127.0.0.1:PORT [streams] [gap_ms] [client_processes] [ramp_s] [words]

The streams are shared by several client processes (one asyncio loop cannot keep up with thousands of
sockets that all wake within the same gap), and they are opened evenly over `ramp_s` seconds, so the
listening socket's backlog never overflows (10,000 connections opened over 5 s on this 2-core machine overflowed
it, and the retried handshakes ended in resets and timeouts). A stream answers one word per event, so `words`
sets its length: with a 500 ms gap, 80 words keep each stream open about 45 s, long enough past the 15 s ramp
that all are open at once even when a busy machine makes the server late.
Prints one JSON line: streams completed, failures by kind, the most open at once, and the time taken.
"""

import asyncio
import json
import multiprocessing
import resource
import socket
import struct
import sys
import time
from collections import Counter

TERMINATOR = b"0\r\n\r\n"


def request_bytes(host, gap_ms, words, close=False):
    """A streaming echo request paced at `gap_ms`, one word per event; `close` asks for `Connection: close`."""
    body = json.dumps({
        "model": "accounts/fireworks/models/kimi-k2p5",
        "max_tokens": 4096,
        "stream": True,
        "messages": [{"role": "user", "content": " ".join(f"word{i}" for i in range(words))}],
    }).encode()
    connection = "Connection: close\r\n" if close else ""
    return (
        f"POST /inference/v1/messages HTTP/1.1\r\nHost: {host}\r\nx-api-key: bench\r\n"
        f"x-mock-stream: delay={gap_ms}ms;chunk=words:1\r\n{connection}"
        f"content-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    ).encode() + body


async def one_stream(host, port, request, start_at, spans, failures):
    """One stream, started at `start_at`; appends (first byte, end) to spans, or a failure kind."""
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=30)
        writer.write(request)
        await writer.drain()
        first = None
        tail = b""
        seen_stop = False
        while True:
            data = await asyncio.wait_for(reader.read(65536), timeout=60)
            if not data:
                break
            if first is None:
                first = time.monotonic()
            window = tail + data
            seen_stop = seen_stop or b"message_stop" in window
            tail = window[-32:]
            if seen_stop and tail.endswith(TERMINATOR):
                break
        if not seen_stop:
            failures.append("incomplete")
        else:
            spans.append((first, time.monotonic()))
    except Exception as error:  # noqa: BLE001 - every failure is counted and reported
        failures.append(type(error).__name__)
    finally:
        if writer is not None:
            sock = writer.get_extra_info("socket")
            if sock is not None:
                try:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                except OSError:
                    pass
            writer.transport.abort()


def client(arguments):
    """One client process: its share of the streams, each at its own start time; returns (spans, failures)."""
    host, port, gap_ms, words, start_times = arguments
    # Thousands of sockets in one process: raise the soft limit on open files to the hard one.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    request = request_bytes(host, gap_ms, words)
    spans, failures = [], []

    async def run():
        await asyncio.gather(*(one_stream(host, port, request, at, spans, failures) for at in start_times))

    asyncio.run(run())
    return spans, failures


def most_open_at_once(spans):
    """The largest number of streams between their first byte and their end at the same moment."""
    marks = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    open_now = most = 0
    for _, step in marks:
        open_now += step
        most = max(most, open_now)
    return most


def main():
    url = sys.argv[1]
    streams = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    gap_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    processes = max(1, min(int(sys.argv[4]) if len(sys.argv) > 4 else 4, streams))
    ramp_s = float(sys.argv[5]) if len(sys.argv) > 5 else 15.0
    words = int(sys.argv[6]) if len(sys.argv) > 6 else 80
    host, port = url.removeprefix("http://").rsplit(":", 1)
    # Every process starts at the same moment (plus a second to spawn); stream i opens at i * ramp / streams.
    origin = time.monotonic() + 1.0
    starts = [origin + ramp_s * i / streams for i in range(streams)]
    shares = [starts[p::processes] for p in range(processes)]
    started = time.monotonic()
    with multiprocessing.Pool(processes) as pool:
        results = pool.map(client, [(host, int(port), gap_ms, words, share) for share in shares])
    elapsed = time.monotonic() - started
    spans = [span for result in results for span in result[0]]
    failures = Counter(failure for result in results for failure in result[1])
    print(json.dumps({
        "streams": streams, "completed": len(spans), "failures": dict(failures),
        "most_open_at_once": most_open_at_once(spans), "client_processes": processes,
        "gap_ms": gap_ms, "words": words, "ramp_s": ramp_s, "elapsed_s": round(elapsed, 2),
    }))


if __name__ == "__main__":
    main()
