SELECT destination_provider AS provider, destination_model AS model, count(*) AS requests,
  sum(total_tokens) AS tokens, sum(cost_usd) AS usd, sum(cost_usd) / count(*) AS usd_per_request
FROM system.ai_gateway.usage
WHERE event_time >= TIMESTAMP '2026-11-21 05:43:00' AND event_time < TIMESTAMP '2026-11-28 05:43:00' AND tool = 'claude-code' AND destination_model = 'gpt-5'
GROUP BY ALL ORDER BY 3 DESC, 1, 2
