-- Marks admitted purchases committed (their batch committed): they are no longer candidates for give-back.
-- KEYS: pending sorted set. ARGV: purchase ids.
if #ARGV > 0 then
  redis.call('ZREM', KEYS[1], unpack(ARGV))
end
return 'OK'
