"""Inter-event gap error of many concurrent paced streams, timed by the kernel: for bench/gaps.sh.

Each connection asks for a stream with `x-mock-stream: delay=<gap>;chunk=words:1` and `Connection: close`.
Every read is timed with the kernel's receive timestamp (SO_TIMESTAMPNS), not with the time the client got
round to it, so a client that reads late does not add its own lag to the server's gaps. What it cannot undo is
two events read together (one timestamp for both): those reads are counted and reported, with how long reads
waited in the client, so a run shows whether the client kept up.

The gaps measured run from `content_block_start` to `message_stop`: each of those events is scripted `gap` ms
after the one before it (`ping` follows `message_start` by one gap, and `content_block_start` comes with it,
since the first token has no delay of its own). The gap error is |measured gap - scripted gap|.

Usage: python3 bench/gaps.py http://127.0.0.1:PORT [streams] [gap_ms] [client_processes] [words]

The streams are shared by several client processes, each an epoll loop over plain non-blocking sockets, all
opened at the same moment (so every stream's events fall due together, the hardest case for the server).
Prints one JSON line.
"""

import json
import multiprocessing
import selectors
import socket
import struct
import sys
import time

from concurrency import request_bytes

# Linux's value; the socket module names it on some builds only.
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
TIMESPEC = struct.Struct("@ll")
FIRST_TIMED = b"content_block_start"


class Stream:
    """One connection: the bytes so far, and the kernel time of each timed event."""

    def __init__(self):
        self.buffer = b""
        self.scanned = 0
        self.timing = False
        self.arrivals = []
        self.complete = False

    def took(self, data, stamp):
        """Adds a read; returns how many events it completed."""
        self.buffer += data
        events = 0
        while True:
            start = self.buffer.find(b"event: ", self.scanned)
            end = self.buffer.find(b"\n", start) if start >= 0 else -1
            if end < 0:
                return events
            name = self.buffer[start + 7:end].rstrip(b"\r")
            self.scanned = end
            events += 1
            self.timing = self.timing or name == FIRST_TIMED
            if self.timing:
                self.arrivals.append(stamp)
            self.complete = self.complete or name == b"message_stop"


def client(arguments):
    """One client process: its streams, read to their ends; returns its measurements."""
    host, port, gap_ms, words, count = arguments
    request = request_bytes(host, gap_ms, words, close=True)
    selector = selectors.DefaultSelector()
    streams = {}
    result = {"gaps": [], "failures": [], "lags": [], "coalesced": 0, "reads": 0}
    for _ in range(count):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        try:
            sock.settimeout(30)
            sock.connect((host, port))
            sock.sendall(request)
        except OSError as error:
            result["failures"].append(type(error).__name__)
            sock.close()
            continue
        sock.setblocking(False)
        streams[sock] = Stream()
        selector.register(sock, selectors.EVENT_READ)
    cpu_start, wall_start = time.process_time(), time.monotonic()
    deadline = wall_start + 30 + (words + 10) * gap_ms / 1000 * 3
    while streams and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=1):
            read(key.fileobj, streams, selector, result, gap_ms)
    result["busy"] = (time.process_time() - cpu_start) / max(1e-9, time.monotonic() - wall_start)
    result["failures"].extend("timeout" for _ in streams)
    for sock in streams:
        sock.close()
    return result


def read(sock, streams, selector, result, gap_ms):
    """One read from a ready socket, timed by the kernel; at the end of a stream, its gap errors."""
    stream = streams[sock]
    try:
        data, ancillary, _, _ = sock.recvmsg(65536, socket.CMSG_SPACE(TIMESPEC.size))
    except BlockingIOError:
        return
    except OSError as error:
        data, ancillary = b"", []
        result["failures"].append(type(error).__name__)
    now = time.clock_gettime(time.CLOCK_REALTIME)
    if not data:
        if stream.complete:
            arrivals = stream.arrivals
            result["gaps"].extend(abs((later - earlier) * 1000 - gap_ms) for earlier, later in zip(arrivals, arrivals[1:]))
        else:
            result["failures"].append("incomplete")
        selector.unregister(sock)
        sock.close()
        del streams[sock]
        return
    stamp = now
    for level, kind, value in ancillary:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
            seconds, nanoseconds = TIMESPEC.unpack(value[:TIMESPEC.size])
            stamp = seconds + nanoseconds / 1e9
    result["reads"] += 1
    result["lags"].append((now - stamp) * 1000)
    timed_before = stream.timing
    if stream.took(data, stamp) > 1 and timed_before:
        result["coalesced"] += 1


def percentile(values, fraction):
    """The value below which `fraction` of the sorted values fall."""
    return values[max(0, int(len(values) * fraction) - 1)] if values else float("nan")


def summary(results, count, gap_ms, processes, words):
    gaps = sorted(gap for result in results for gap in result["gaps"])
    lags = sorted(lag for result in results for lag in result["lags"])
    failures = {}
    for result in results:
        for failure in result["failures"]:
            failures[failure] = failures.get(failure, 0) + 1
    return {
        "streams": count, "client_processes": processes, "gap_ms": gap_ms, "words": words,
        "gaps_measured": len(gaps), "failures": failures,
        "gap_error_p50_ms": round(percentile(gaps, 0.5), 3), "gap_error_p99_ms": round(percentile(gaps, 0.99), 3),
        "gap_error_max_ms": round(gaps[-1], 3) if gaps else None,
        "reads": sum(result["reads"] for result in results),
        "reads_with_two_timed_events": sum(result["coalesced"] for result in results),
        "client_read_lag_p50_ms": round(percentile(lags, 0.5), 3), "client_read_lag_p99_ms": round(percentile(lags, 0.99), 3),
        "client_cpu_busiest_process": round(max(result["busy"] for result in results), 3),
    }


def main():
    url = sys.argv[1]
    count, gap_ms, processes, words = (
        int(sys.argv[index]) if len(sys.argv) > index else default
        for index, default in ((2, 1000), (3, 50), (4, 4), (5, 20)))
    processes = max(1, min(processes, count))
    host, port = url.removeprefix("http://").rsplit(":", 1)
    # Stream i goes to process i % processes.
    shares = [len(range(process, count, processes)) for process in range(processes)]
    with multiprocessing.Pool(processes) as pool:
        results = pool.map(client, [(host, int(port), gap_ms, words, share) for share in shares])
    print(json.dumps(summary(results, count, gap_ms, processes, words)))


if __name__ == "__main__":
    main()
