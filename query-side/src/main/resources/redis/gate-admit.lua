-- Admits a flash-sale purchase if the sale, as far as the gate knows it, would: same checks and order
-- as the FlashSale aggregate. KEYS: sale hash, tickets set, held hash.
-- ARGV: purchaseId, userId, quantity, now (epoch ms). Returns a Refusal name, ADMITTED or UNKNOWN.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'UNKNOWN'
end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  return 'ADMITTED'
end
local sale = redis.call('HMGET', KEYS[1], 'startsAt', 'endsAt', 'limit', 'remaining')
local now = tonumber(ARGV[4])
if now < tonumber(sale[1]) then
  return 'NOT_STARTED'
end
if now >= tonumber(sale[2]) then
  return 'ENDED'
end
local quantity = tonumber(ARGV[3])
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0')
if held + quantity > tonumber(sale[3]) then
  return 'LIMIT_REACHED'
end
if tonumber(sale[4]) < quantity then
  return 'SOLD_OUT'
end
redis.call('HINCRBY', KEYS[1], 'remaining', -quantity)
redis.call('HINCRBY', KEYS[3], ARGV[2], quantity)
redis.call('SADD', KEYS[2], ARGV[1])
return 'ADMITTED'
