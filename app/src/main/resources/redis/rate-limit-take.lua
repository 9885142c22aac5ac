-- A token bucket refilled greedily: ARGV[1] tokens per ARGV[2] microseconds, holding at most ARGV[1] (Bucket4j's
-- capacity + refillGreedy, which the node-local fallback uses; TokenBucketCasesTest runs one table against both).
-- KEYS[1]: the bucket, a hash of the tokens it held at the microsecond 'at' of Redis' own clock, so every node
-- counts time alike. ARGV[3]: '1' takes a token if there is one, '0' only looks.
-- Returns {1, 0} when a token was there (and, taking, was taken), else {0, microseconds until there is one}.
local capacity = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local tokens = capacity
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
if state[1] then
  tokens = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * capacity / period)
end
if tokens < 1 then
  return {0, math.ceil((1 - tokens) * period / capacity)}
end
if ARGV[3] == '1' then
  tokens = tokens - 1
  redis.call('HSET', KEYS[1], 'tokens', string.format('%.9f', tokens), 'at', string.format('%.0f', now))
  -- Gone once it would be full again (plus a second): an idle user costs Redis nothing.
  redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * period / capacity / 1000) + 1000)
end
return {1, 0}
