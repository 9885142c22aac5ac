-- Admits a flash-sale purchase if the sale, as far as the gate knows it, would: the same checks in the same order as
-- the FlashSale aggregate (FlashSaleRulesAgreementTest runs one table of cases against both).
-- KEYS: sale hash, tickets hash, held hash, returned set, pending sorted set.
-- ARGV: purchaseId, userId, quantity, now (epoch ms). Returns a Refusal name, ADMITTED or UNKNOWN.
-- An admission is a ticket (purchaseId -> "quantity:userId") that stays pending (scored by its time) until the
-- purchase is known to be committed; the reconciler gives back tickets left pending too long.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'UNKNOWN'
end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return 'ADMITTED'
end
local quantity = tonumber(ARGV[3])
if quantity < 1 then
  return 'VALIDATION_FAILED'
end
local sale = redis.call('HMGET', KEYS[1], 'startsAt', 'endsAt', 'limit', 'remaining', 'expiresAt')
local now = tonumber(ARGV[4])
if now < tonumber(sale[1]) then
  return 'NOT_STARTED'
end
if now >= tonumber(sale[2]) then
  return 'ENDED'
end
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0')
if held + quantity > tonumber(sale[3]) then
  return 'LIMIT_REACHED'
end
if tonumber(sale[4]) < quantity then
  return 'SOLD_OUT'
end
redis.call('HINCRBY', KEYS[1], 'remaining', -quantity)
redis.call('HINCRBY', KEYS[3], ARGV[2], quantity)
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3] .. ':' .. ARGV[2])
redis.call('ZADD', KEYS[5], now, ARGV[1])
if sale[5] then
  for i = 2, 5 do
    redis.call('PEXPIREAT', KEYS[i], sale[5])
  end
end
return 'ADMITTED'
