"""Many concurrent slow streams on loopback: do the scripted gaps between events hold under load?

Each connection asks for a stream with `x-mock-stream: delay=<gap>` and records when each event arrives.
The gap error is |measured gap - scripted gap| over every pair of consecutive events after the first two.

Usage: python3 bench/slow_streams.py http://127.0.0.1:PORT [connections] [gap_ms] [client_processes]

The connections are spread over several client processes. All streams start together, so every gap ends
for all of them at about the same moment; one asyncio loop reading a thousand sockets in that burst falls
behind by more than a gap, finds two events in one read, and then reports a server error it made itself.
"""

import asyncio
import json
import multiprocessing
import statistics
import sys
import time


async def one_stream(host, port, gap_ms, gaps, failures):
    body = json.dumps({
        "model": "accounts/fireworks/models/kimi-k2p5",
        "max_tokens": 200,
        "stream": True,
        "messages": [{"role": "user", "content": "one two three four five six seven eight nine ten"}],
    }).encode()
    request = (
        f"POST /inference/v1/messages HTTP/1.1\r\nHost: {host}\r\nx-api-key: bench\r\n"
        f"x-mock-stream: delay={gap_ms}ms;chunk=words:1\r\nConnection: close\r\n"
        f"content-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    ).encode() + body
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(request)
        await writer.drain()
        arrivals = []
        buffer = b""
        while True:
            data = await asyncio.wait_for(reader.read(65536), timeout=30)
            if not data:
                break
            now = time.monotonic()
            buffer += data
            while len(arrivals) < buffer.count(b"event: "):
                arrivals.append(now)
        writer.close()
        if b"message_stop" not in buffer:
            failures.append("incomplete")
            return
        # message_start and ping go out at once; the scripted delay applies from the events after them.
        for earlier, later in zip(arrivals[2:], arrivals[3:]):
            gaps.append(abs((later - earlier) * 1000 - gap_ms))
    except Exception as error:  # noqa: BLE001 - every failure is counted and reported
        failures.append(type(error).__name__)


def client(arguments):
    """One client process: its share of the connections; returns (gaps, failures)."""
    host, port, gap_ms, connections = arguments
    gaps, failures = [], []

    async def run():
        await asyncio.gather(*(one_stream(host, port, gap_ms, gaps, failures) for _ in range(connections)))

    asyncio.run(run())
    return gaps, failures


def main():
    url = sys.argv[1]
    connections = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    gap_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    processes = max(1, min(int(sys.argv[4]) if len(sys.argv) > 4 else 4, connections))
    host, port = url.removeprefix("http://").rsplit(":", 1)
    shares = [connections // processes + (1 if i < connections % processes else 0) for i in range(processes)]
    started = time.monotonic()
    with multiprocessing.Pool(processes) as pool:
        results = pool.map(client, [(host, int(port), gap_ms, share) for share in shares])
    elapsed = time.monotonic() - started
    gaps = sorted(gap for result in results for gap in result[0])
    failures = [failure for result in results for failure in result[1]]
    p50 = statistics.median(gaps) if gaps else float("nan")
    p99 = gaps[max(0, int(len(gaps) * 0.99) - 1)] if gaps else float("nan")
    print(json.dumps({
        "connections": connections, "client_processes": processes, "gap_ms": gap_ms,
        "gaps_measured": len(gaps), "failures": len(failures),
        "gap_error_p50_ms": round(p50, 2), "gap_error_p99_ms": round(p99, 2), "elapsed_s": round(elapsed, 2),
    }))


if __name__ == "__main__":
    main()
