"""Soak: a hostile network and careless clients against one fireworks-mock, on 127.0.0.1 only, every phase
bounded. Prints one Markdown table: per phase what the clients saw, and the server's RSS, open descriptors and
/health latency (asked over a connection opened before the load, so the connection cap never holds it back).

Usage: soak.py BINARY SCALE   (SCALE 1.0 is the recorded run; 0.1 is a quick look)
"""

import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time

BINARY = sys.argv[1]
SCALE = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
HOST = "127.0.0.1"
MODEL = "accounts/fireworks/models/kimi-k2p5"
# Short timeouts so each phase ends in seconds; the cap low enough to reach with a few thousand sockets.
TIMEOUT_S = 3
MAX_CONNECTIONS = 1000
SESSION_TTL_S = 4


def body(text, stream=False):
    return (
        '{"model":"%s","max_tokens":32,"stream":%s,"messages":[{"role":"user","content":"%s"}]}'
        % (MODEL, "true" if stream else "false", text)
    ).encode()


def request(text, stream=False, headers=b""):
    data = body(text, stream)
    return (
        b"POST /inference/v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\ncontent-type: application/json\r\n"
        + headers
        + b"content-length: %d\r\n\r\n" % len(data)
        + data
    )


class Server:
    def __init__(self):
        self.process = subprocess.Popen(
            [
                BINARY, "--port", "0", "--responses", os.environ.get("EMPTY_SCRIPTS", "/nonexistent"),
                "--header-timeout", f"{TIMEOUT_S}s", "--body-timeout", f"{TIMEOUT_S}s",
                "--idle-timeout", f"{TIMEOUT_S}s", "--max-connections", str(MAX_CONNECTIONS),
                "--session-ttl", f"{SESSION_TTL_S}s", "--log-level", "warning",
            ],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        )
        line = self.process.stdout.readline().decode()
        self.port = int(re.search(r":(\d+)$", line.strip()).group(1))

    def rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def fds(self):
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class Monitor:
    """Samples RSS, descriptors and /health latency every 200 ms over its own keep-alive connection."""

    def __init__(self, server):
        self.server = server
        self.samples = []

    async def run(self):
        reader, writer = await asyncio.open_connection(HOST, self.server.port)
        probe = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
        try:
            while True:
                started = time.monotonic()
                writer.write(probe)
                await writer.drain()
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
                length = int(re.search(rb"content-length: (\d+)", head).group(1))
                await reader.readexactly(length)
                latency = (time.monotonic() - started) * 1000
                self.samples.append((self.server.rss_mb(), self.server.fds(), latency))
                # Faster than the idle timeout, so the probe connection is never closed for idleness.
                await asyncio.sleep(0.2)
        finally:
            writer.close()

    def take(self):
        samples, self.samples = self.samples, []
        return samples


async def read_all(reader, limit=30):
    data = b""
    try:
        while chunk := await asyncio.wait_for(reader.read(65536), limit):
            data += chunk
    except (asyncio.TimeoutError, ConnectionError):
        pass
    return data


async def bounded(tasks, width=200):
    """Runs coroutine factories with at most `width` in flight; returns their results."""
    semaphore = asyncio.Semaphore(width)

    async def one(factory):
        async with semaphore:
            return await factory()

    return await asyncio.gather(*(one(factory) for factory in tasks))


async def aborted_stream(port, reset):
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(request("abort me " * 40, stream=True, headers=b"x-mock-stream: delay=5ms\r\n"))
    await writer.drain()
    await reader.read(1024)
    if reset:
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    writer.close()
    return "aborted"


async def slow_header(port):
    reader, writer = await asyncio.open_connection(HOST, port)
    lines = [b"POST /inference/v1/messages HTTP/1.1\r\n"] + [b"x-slow-%d: y\r\n" % i for i in range(60)]

    async def drip():
        for line in lines:
            writer.write(line)
            await writer.drain()
            await asyncio.sleep(1)

    sender = asyncio.ensure_future(drip())
    answer = await read_all(reader, TIMEOUT_S + 10)
    sender.cancel()
    writer.close()
    return "408" if answer.startswith(b"HTTP/1.1 408") else "other: %r" % answer[:12]


async def idle_client(port):
    reader, writer = await asyncio.open_connection(HOST, port)
    answer = await read_all(reader, TIMEOUT_S + 10)
    writer.close()
    return "closed quietly" if answer == b"" else "bytes"


async def half_closed(port, data):
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(data)
    await writer.drain()
    writer.write_eof()
    answer = await read_all(reader, 15)
    writer.close()
    match = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return match.group(1).decode()[0] + "xx" if match else "no answer"


def mutate(data, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(4)
        at = rng.randrange(len(data))
        if kind == 0:
            data[at] = rng.randrange(256)
        elif kind == 1:
            del data[at]
        elif kind == 2:
            data.insert(at, rng.randrange(256))
        else:
            data[at:at] = rng.choice([b"\r\n", b"\r\n\r\n", b"x" * 9000, b"transfer-encoding: chunked\r\n"])
    return bytes(data)


def incomplete(data):
    """True when a request cannot be whole: its body is shorter than its content-length says, or its head never
    ends. Such a request has no answer after a FIN, rightly."""
    # Empty lines before a request line are skipped, as HTTP servers do.
    head, separator, rest = data.lstrip(b"\r\n").partition(b"\r\n\r\n")
    if not separator:
        return True
    length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
    return bool(length) and int(length.group(1)) > len(rest)


async def flood(port, count):
    """Opens `count` connections and sends a request on each. Returns how many were answered within 2 s while
    all were open (at most the cap), and how many of the rest were answered once the first half closed."""
    connections = []
    for _ in range(count):
        reader, writer = await asyncio.open_connection(HOST, port)
        writer.write(request("flood"))
        connections.append((reader, writer))

    async def answer(reader):
        head = await reader.readuntil(b"\r\n\r\n")
        await reader.readexactly(int(re.search(rb"content-length: (\d+)", head).group(1)))
        return head.startswith(b"HTTP/1.1 200")

    answers = [asyncio.ensure_future(answer(reader)) for reader, _ in connections]
    await asyncio.sleep(2)
    at_once = sum(1 for task in answers if task.done() and not task.exception() and task.result())
    for _, writer in connections[: count // 2]:
        writer.close()
    rest = answers[count // 2 :]
    await asyncio.wait(rest, timeout=30)
    served = sum(1 for task in rest if task.done() and not task.exception() and task.result())
    for task in answers:
        task.cancel()
    for _, writer in connections[count // 2 :]:
        writer.close()
    return at_once, served


async def main():
    server = Server()
    monitor = Monitor(server)
    watcher = asyncio.ensure_future(monitor.run())
    await asyncio.sleep(1)
    rows = []

    def row(phase, clients, outcome):
        samples = monitor.take() or [(server.rss_mb(), server.fds(), float("nan"))]
        rss = [s[0] for s in samples]
        fds = [s[1] for s in samples]
        latency = sorted(s[2] for s in samples)
        p99 = latency[min(len(latency) - 1, int(len(latency) * 0.99))]
        rows.append(
            f"| {phase} | {clients} | {outcome} | {max(rss):.1f} → {rss[-1]:.1f} | {max(fds)} → {fds[-1]} | "
            f"{statistics.median(latency):.2f} / {p99:.2f} |"
        )
        print(rows[-1], file=sys.stderr, flush=True)

    n = lambda base: max(10, int(base * SCALE))

    await asyncio.sleep(1)
    row("before (idle)", "–", "–", )

    count = n(20000)
    results = await bounded([lambda i=i: aborted_stream(server.port, i % 2 == 1) for i in range(count)])
    await asyncio.sleep(1)
    row("aborted streams (half FIN, half RST)", f"{count:,}", f"{results.count('aborted'):,} aborted")

    count = n(300)
    results = await bounded([lambda: slow_header(server.port) for _ in range(count)], width=count)
    row(f"slow headers (a line a second, header timeout {TIMEOUT_S} s)", f"{count:,}", f"{results.count('408'):,} got 408")

    count = n(300)
    results = await bounded([lambda: idle_client(server.port) for _ in range(count)], width=count)
    row(f"idle connections (idle timeout {TIMEOUT_S} s)", f"{count:,}", f"{results.count('closed quietly'):,} closed quietly")

    count = n(5000)
    plain = [request("half %d" % i, stream=i % 2 == 0) for i in range(count)]
    results = await bounded([lambda d=d: half_closed(server.port, d) for d in plain])
    row("complete request, then FIN", f"{count:,}", f"{results.count('2xx'):,} answered 200")

    count = n(20000)
    rng = random.Random(7)
    mutated = [mutate(request("mutated %d" % i, stream=i % 3 == 0), rng) for i in range(count)]
    results = await bounded([lambda d=d: half_closed(server.port, d) for d in mutated])
    results = [
        ("no answer, request incomplete at the FIN" if incomplete(d) else "no answer, request complete")
        if r == "no answer" else r
        for r, d in zip(results, mutated)
    ]
    tally = {key: results.count(key) for key in sorted(set(results))}
    outcome = ", ".join(f"{key}: {value:,}" for key, value in tally.items())
    row("mutated requests, then FIN", f"{count:,}", outcome)

    count = int(MAX_CONNECTIONS * 1.5)
    first, later = await flood(server.port, count)
    row(
        f"connection flood past the cap ({MAX_CONNECTIONS:,})", f"{count:,}",
        f"{first:,} answered while all were open; {later:,} of the {count - count // 2:,} others answered once half closed",
    )

    await asyncio.sleep(SESSION_TTL_S + 2)
    row("after (settled)", "–", "–")
    watcher.cancel()
    server.stop()
    print("| phase | clients | what the clients saw | RSS MB (peak → end) | open fds (peak → end) | /health p50 / p99 ms |")
    print("| --- | ---: | --- | ---: | ---: | ---: |")
    print("\n".join(rows))


asyncio.run(main())
