-- Zero-delay streaming echo: the same request with "stream": true, answered as server-sent events.
-- A stream counts as complete only when it is a 200 whose body holds the message_stop event: a stream cut
-- short still ends an HTTP exchange (a closed connection or a last chunk), so status alone would hide it.
--
-- wrk gives every thread its own Lua state and runs done() in yet another one, so a counter kept in
-- response() is invisible to done(). The counters are globals of each thread's state, read back through
-- the thread objects collected in setup().
wrk.method = "POST"
wrk.path = "/inference/v1/messages"
wrk.headers["content-type"] = "application/json"
wrk.headers["x-api-key"] = "bench"
wrk.body = '{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":64,"stream":true,'
  .. '"messages":[{"role":"user","content":"Say hello"}]}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  checked = 0
  failed = 0
end

function response(status, headers, body)
  checked = checked + 1
  if status ~= 200 or not string.find(body, "event: message_stop", 1, true) then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local total_checked, total_failed = 0, 0
  for _, thread in ipairs(threads) do
    total_checked = total_checked + thread:get("checked")
    total_failed = total_failed + thread:get("failed")
  end
  -- run.sh reads this line.
  io.write(string.format("checked answers: %d, failed: %d\n", total_checked, total_failed))
end
