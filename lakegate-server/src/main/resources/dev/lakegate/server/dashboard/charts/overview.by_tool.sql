SELECT coalesce(tool, 'unknown') AS tool, count(*) AS requests, sum(total_tokens) AS tokens, sum(cost_usd) AS usd
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/
GROUP BY 1 ORDER BY 2 DESC, 1
