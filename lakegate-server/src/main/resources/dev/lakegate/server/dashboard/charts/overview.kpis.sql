SELECT count(*) AS requests, sum(total_tokens) AS tokens, sum(cost_usd) AS usd,
  count(DISTINCT requester) AS active_users,
  count_if(error_type IS NOT NULL) / nullif(count(*), 0) AS error_rate
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/
