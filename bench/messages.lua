-- Non-streaming echo: POST /inference/v1/messages with a small body.
-- An answer counts as good only when it is a 200 whose JSON carries the echoed text.
request_body = '{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":64,'
  .. '"messages":[{"role":"user","content":"Say hello"}]}'
expected = '"text":"Say hello"'
dofile("bench/checks.lua")
