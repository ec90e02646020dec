-- POST /api/v1/messages: every request a new message_id; sender, recipient, kind and body come
-- from a random line of the request mix written by `load.py base` ($BENCH_DIR/results/pairs.tsv):
--   category \t sender_id \t recipient_id \t kind \t body index \t sender facts JSON or "-"
-- Environment: BENCH_DIR, BENCH_KEY (service key), BENCH_NONCE (unique per run), BENCH_OUT.
local dir = os.getenv("BENCH_DIR")
dofile(dir .. "/report.lua")

local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

local mix, bodies, headers, prefix
local counter = 0

function init(args)
  local results = os.getenv("BENCH_RESULTS") or (dir .. "/results")
  mix = {}
  for line in io.lines(results .. "/pairs.tsv") do
    local _, sender, recipient, kind, body, facts =
      line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    mix[#mix + 1] = {sender = sender, recipient = recipient, kind = kind,
                     body = tonumber(body) + 1, facts = facts ~= "-" and facts or nil}
  end
  bodies = {}
  for line in io.lines(results .. "/bodies.txt") do bodies[#bodies + 1] = line end
  headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY"),
  }
  prefix = "b" .. os.getenv("BENCH_NONCE") .. "-" .. thread_number .. "-"
  -- Seeds stay far below 2^53, or all threads would draw the same sequence.
  math.randomseed(tonumber(os.getenv("BENCH_NONCE")) % 1000003 * 64 + thread_number)
end

function request()
  counter = counter + 1
  local m = mix[math.random(#mix)]
  local body = '{"message_id":"' .. prefix .. counter ..
    '","sender_id":"' .. m.sender .. '","recipient_id":"' .. m.recipient ..
    '","kind":"' .. m.kind .. '","thread_id":"t-' .. m.sender .. '-' .. m.recipient ..
    '","body":"' .. bodies[m.body] .. '"'
  if m.facts then body = body .. ',"sender":' .. m.facts end
  return wrk.format("POST", "/api/v1/messages", headers, body .. "}")
end

function done(summary, latency, requests)
  write_report(summary, latency)
end
