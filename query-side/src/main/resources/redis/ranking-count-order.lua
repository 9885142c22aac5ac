-- Counts a paid order into the rankings (ARGV[1] = 'counted', ARGV[2] = 1) or takes a refunded one back out
-- (ARGV[1] = 'refunded', ARGV[2] = -1), atomically and at most once per transition: a redelivered event finds
-- the order already in the target state and changes nothing.
-- KEYS[1] = the order's hash (state, lines), KEYS[2] = units per product, KEYS[3] = paid amount per shop.
-- ARGV[3] = the key prefix of the per-category unit rankings. ARGV[4], counting only: the order's lines (JSON), which
-- an order paid with its lines in the event brings here; an order that has some already (kept at placement, or
-- counted before) keeps its own.
if ARGV[4] and redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'lines', ARGV[4], 'state', 'placed')
end
local state = redis.call('HGET', KEYS[1], 'state')
local from = ARGV[1] == 'counted' and 'placed' or 'counted'
if state ~= from then
  return 0
end
local sign = tonumber(ARGV[2])
-- A product whose facts were unknown when the order was placed has JSON nulls here (cjson.null is truthy).
local function known(value)
  return value ~= nil and value ~= cjson.null
end
for _, line in ipairs(cjson.decode(redis.call('HGET', KEYS[1], 'lines'))) do
  redis.call('ZINCRBY', KEYS[2], sign * line.quantity, line.productId)
  if known(line.categoryId) then
    redis.call('ZINCRBY', ARGV[3] .. line.categoryId, sign * line.quantity, line.productId)
  end
  if known(line.merchantId) then
    redis.call('ZINCRBY', KEYS[3], sign * line.amount, line.merchantId)
  end
end
redis.call('HSET', KEYS[1], 'state', ARGV[1])
return 1
