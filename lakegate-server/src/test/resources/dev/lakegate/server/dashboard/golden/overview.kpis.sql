SELECT count(*) AS requests, sum(total_tokens) AS tokens, sum(cost_usd) AS usd,
  count(DISTINCT requester) AS active_users,
  count_if(error_type IS NOT NULL) / nullif(count(*), 0) AS error_rate
FROM system.ai_gateway.usage
WHERE event_time >= TIMESTAMP '2026-11-21 05:43:00' AND event_time < TIMESTAMP '2026-11-28 05:43:00' AND tool = 'claude-code' AND destination_model = 'gpt-5'
