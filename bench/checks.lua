-- Shared by the wrk scripts: POST the Messages request in `request_body` and count answers that are not a
-- 200 holding `expected` (the echoed text, or the stream's message_stop).
--
-- wrk gives every thread its own Lua state and runs done() in yet another one, so a counter kept in
-- response() is invisible to done(). The counters are globals of each thread's state, read back through
-- the thread objects collected in setup().
wrk.method = "POST"
wrk.path = "/inference/v1/messages"
wrk.headers["content-type"] = "application/json"
wrk.headers["x-api-key"] = "bench"
wrk.body = request_body

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
  if status ~= 200 or not string.find(body, expected, 1, true) then
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
