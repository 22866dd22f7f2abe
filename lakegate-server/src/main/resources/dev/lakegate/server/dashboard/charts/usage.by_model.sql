SELECT destination_provider AS provider, destination_model AS model, count(*) AS requests,
  sum(total_tokens) AS tokens, sum(cost_usd) AS usd, sum(cost_usd) / count(*) AS usd_per_request
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/
GROUP BY ALL ORDER BY 3 DESC, 1, 2
