-- Counts a purchase the FlashSale aggregate made, unless the gate admitted it already.
-- KEYS: sale hash, tickets set, held hash. ARGV: purchaseId, userId, quantity.
if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('SADD', KEYS[2], ARGV[1]) == 1 then
  redis.call('HINCRBY', KEYS[1], 'remaining', -tonumber(ARGV[3]))
  redis.call('HINCRBY', KEYS[3], ARGV[2], tonumber(ARGV[3]))
end
return 'OK'
