-- Zero-delay streaming echo: the same request with "stream": true, answered as server-sent events.
-- A stream counts as complete only when it is a 200 whose body holds the message_stop event: a stream cut
-- short still ends an HTTP exchange (a closed connection or a last chunk), so status alone would hide it.
request_body = '{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":64,"stream":true,'
  .. '"messages":[{"role":"user","content":"Say hello"}]}'
expected = "event: message_stop"
dofile("bench/checks.lua")
