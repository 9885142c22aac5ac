-- Gives a purchase's units back to the sale and to its buyer's allowance, once.
-- KEYS: sale hash, tickets hash, held hash, returned set, pending sorted set. ARGV: purchaseId, userId, quantity, mode.
-- mode 'cancel': the aggregate refused the purchase (the ticket is withdrawn);
-- mode 'expire': the admission stayed pending too long and its purchase is not in the ledger: withdrawn only if still
--   pending, so that a purchase confirmed meanwhile keeps its ticket, and one whose events arrive later is counted
--   again by gate-count.lua (its ticket is gone by then);
-- mode 'return': the sale took the units back (the ticket stays, marked returned).
local give_back = false
if ARGV[4] == 'cancel' then
  give_back = redis.call('HDEL', KEYS[2], ARGV[1]) == 1
  redis.call('ZREM', KEYS[5], ARGV[1])
elseif ARGV[4] == 'expire' then
  give_back = redis.call('ZREM', KEYS[5], ARGV[1]) == 1 and redis.call('HDEL', KEYS[2], ARGV[1]) == 1
else
  give_back = redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 and redis.call('SADD', KEYS[4], ARGV[1]) == 1
  local expiresAt = redis.call('HGET', KEYS[1], 'expiresAt')
  if expiresAt then
    redis.call('PEXPIREAT', KEYS[4], expiresAt)
  end
end
if give_back then
  redis.call('HINCRBY', KEYS[1], 'remaining', tonumber(ARGV[3]))
  redis.call('HINCRBY', KEYS[3], ARGV[2], -tonumber(ARGV[3]))
end
return 'OK'
