-- Zero-delay streaming echo: the same request with "stream": true. A stream counts as complete only when
-- its body holds message_stop; incomplete streams are counted and printed.
wrk.method = "POST"
wrk.path = "/inference/v1/messages"
wrk.headers["content-type"] = "application/json"
wrk.headers["x-api-key"] = "bench"
wrk.body = '{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Say hello"}]}'

local incomplete = 0
function response(status, headers, body)
  if status ~= 200 or not string.find(body, "event: message_stop", 1, true) then
    incomplete = incomplete + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("incomplete streams: %d\n", incomplete))
end
