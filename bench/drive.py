"""Sends N echo requests, one after another on one keep-alive connection, and checks each answer: the fixed load
bench/instructions.sh counts instructions for. Usage: drive.py PORT N plain|stream"""

import http.client
import json
import sys

port, count, kind = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
body = json.dumps(
    {"model": "accounts/fireworks/models/kimi-k2p5", "max_tokens": 64, "stream": kind == "stream",
     "messages": [{"role": "user", "content": "Say hello"}]})
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
for _ in range(count):
    connection.request("POST", "/inference/v1/messages", body, {"x-api-key": "k", "content-type": "application/json"})
    answer = connection.getresponse()
    data = answer.read()
    if answer.status != 200 or (kind == "stream" and b"event: message_stop" not in data):
        sys.exit(f"bad answer {answer.status}: {data[:200]!r}")
