-- Every request in a session of its own (x-mock-session), with a fault counted per session, so the server
-- keeps state for each session it sees: what --session-ttl must bound. The fault answers 429 (once per session).
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  prefix = "soak-" .. os.time() .. "-" .. id .. "-"
  counter = 0
end
body = '{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":16,"messages":[{"role":"user","content":"s"}]}'
request = function()
  counter = counter + 1
  return wrk.format("POST", nil, {
    ["content-type"] = "application/json", ["x-api-key"] = "k",
    ["x-mock-session"] = prefix .. counter, ["x-mock-fault"] = "error;status=429;times=1",
  }, body)
end
