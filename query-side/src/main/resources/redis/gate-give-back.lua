-- Gives a purchase's units back to the sale and to its buyer's allowance, once.
-- KEYS: sale hash, tickets set, held hash, returned set. ARGV: purchaseId, userId, quantity, mode.
-- mode 'cancel': the aggregate refused what the gate admitted (the ticket is withdrawn);
-- mode 'return': the sale took the units back (the ticket stays, marked returned).
local give_back = false
if ARGV[4] == 'cancel' then
  give_back = redis.call('SREM', KEYS[2], ARGV[1]) == 1
else
  give_back = redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 and redis.call('SADD', KEYS[4], ARGV[1]) == 1
end
if give_back then
  redis.call('HINCRBY', KEYS[1], 'remaining', tonumber(ARGV[3]))
  redis.call('HINCRBY', KEYS[3], ARGV[2], -tonumber(ARGV[3]))
end
return 'OK'
