"""1,000 concurrent slow streams on loopback: do the scripted gaps hold under load?

Each connection asks for a stream with `x-mock-stream: delay=<gap>` and records when each event arrives.
The gap error is |measured gap - scripted gap| over every pair of consecutive events after the first.
Usage: python3 bench/slow_streams.py http://127.0.0.1:PORT [connections] [gap_ms]
"""

import asyncio
import json
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
            events = buffer.count(b"\n\nevent: ") + buffer.startswith(b"event: ")
            while len(arrivals) < buffer.count(b"event: "):
                arrivals.append(now)
        writer.close()
        if b"message_stop" not in buffer:
            failures.append("incomplete")
            return
        # Events after message_start and ping are the ones the delay applies to.
        for earlier, later in zip(arrivals[2:], arrivals[3:]):
            gaps.append(abs((later - earlier) * 1000 - gap_ms))
    except Exception as error:  # noqa: BLE001 - every failure is counted and reported
        failures.append(type(error).__name__)


async def main():
    url = sys.argv[1]
    connections = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    gap_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    host, port = url.removeprefix("http://").rsplit(":", 1)
    gaps, failures = [], []
    started = time.monotonic()
    await asyncio.gather(*(one_stream(host, int(port), gap_ms, gaps, failures) for _ in range(connections)))
    elapsed = time.monotonic() - started
    gaps.sort()
    p50 = statistics.median(gaps) if gaps else float("nan")
    p99 = gaps[int(len(gaps) * 0.99) - 1] if gaps else float("nan")
    print(json.dumps({
        "connections": connections, "gap_ms": gap_ms, "gaps_measured": len(gaps), "failures": len(failures),
        "gap_error_p50_ms": round(p50, 2), "gap_error_p99_ms": round(p99, 2), "elapsed_s": round(elapsed, 2),
    }))


asyncio.run(main())
