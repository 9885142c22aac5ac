-- Counts a purchase the FlashSale aggregate made, unless the gate admitted it already, and marks it committed.
-- KEYS: sale hash, tickets hash, held hash, returned set, pending sorted set. ARGV: purchaseId, userId, quantity.
if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[3] .. ':' .. ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[1], 'remaining', -tonumber(ARGV[3]))
  redis.call('HINCRBY', KEYS[3], ARGV[2], tonumber(ARGV[3]))
  local expiresAt = redis.call('HGET', KEYS[1], 'expiresAt')
  if expiresAt then
    redis.call('PEXPIREAT', KEYS[2], expiresAt)
    redis.call('PEXPIREAT', KEYS[3], expiresAt)
  end
end
redis.call('ZREM', KEYS[5], ARGV[1])
return 'OK'
