-- wrk script of the flash-sale spike (FlashSaleBenchmark): every request is the next buyer's purchase. The buyers'
-- tokens are read from the file named in the environment (WRK_TOKENS), one per line; wrk thread t of n takes buyers
-- t, t+n, t+2n, ... and starts over when it runs out. A line may carry the buyer's purchase token after a space (a sale
-- that requires one): it goes in X-Purchase-Token. Each thread counts answers by status and keeps the ids of a sample
-- of its accepted orders, drawn evenly over the whole run (reservoir sampling) plus the very last one, so the harness
-- can follow them to AWAITING_PAYMENT (as an admin: a thread has many connections in flight, so by the time an answer
-- comes its buyer is no longer the one request() last chose). The first orders alone would say nothing of the last.
local threads = {}
local SAMPLE = 49

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local tokens = {}
  local purchase_tokens = {}
  for line in io.lines(os.getenv("WRK_TOKENS")) do
    local access, purchase = string.match(line, "^(%S+) ?(%S*)$")
    tokens[#tokens + 1] = access
    purchase_tokens[#tokens] = purchase
  end
  buyers = #tokens
  stride = tonumber(os.getenv("WRK_THREADS"))
  next_buyer = index + 1
  statuses = {}
  accepted = {}
  accepted_count = 0
  last_accepted = nil
  sale_path = os.getenv("WRK_PATH")
  current = nil
  -- Each of this thread's requests is formatted once, here: formatting it again for every request (a 300-byte token
  -- among its headers) was load-generator CPU taken from the server on the same two cores.
  requests = {}
  for buyer = next_buyer, buyers, stride do
    local headers = {
      ["Authorization"] = "Bearer " .. tokens[buyer],
      ["Content-Type"] = "application/json"
    }
    if purchase_tokens[buyer] ~= "" then
      headers["X-Purchase-Token"] = purchase_tokens[buyer]
    end
    requests[buyer] = wrk.format("POST", sale_path, headers, '{"quantity":1}')
  end
end

function request()
  current = next_buyer
  next_buyer = next_buyer + stride
  if next_buyer > buyers then
    next_buyer = index + 1
  end
  return requests[current]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 202 then
    local order = string.match(body, '"orderId":"([^"]+)"')
    if order then
      accepted_count = accepted_count + 1
      last_accepted = order
      if #accepted < SAMPLE then
        accepted[#accepted + 1] = order
      else
        local slot = math.random(accepted_count)
        if slot <= SAMPLE then
          accepted[slot] = order
        end
      end
    end
  end
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      io.write(string.format("STATUS %d %d\n", status, count))
    end
    for _, entry in ipairs(thread:get("accepted")) do
      io.write("ACCEPTED " .. entry .. "\n")
    end
    local last = thread:get("last_accepted")
    if last then
      io.write("ACCEPTED " .. last .. "\n")
    end
  end
  io.write(string.format("LATENCY p50 %d\nLATENCY p99 %d\nLATENCY max %d\n",
    latency:percentile(50), latency:percentile(99), latency.max))
  io.write(string.format("REQUESTS %d\nDURATION %d\n", summary.requests, summary.duration))
  io.write(string.format("ERRORS connect %d read %d write %d timeout %d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
end
