-- Non-streaming echo: POST /inference/v1/messages with a small body; counts answers that are not 200.
wrk.method = "POST"
wrk.path = "/inference/v1/messages"
wrk.headers["content-type"] = "application/json"
wrk.headers["x-api-key"] = "bench"
wrk.body = '{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":64,"messages":[{"role":"user","content":"Say hello"}]}'

local failures = 0
function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", failures))
end
