SELECT date_trunc(:grain, event_time) AS t, coalesce(tool, 'unknown') AS tool, sum(cost_usd) AS usd
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/
GROUP BY ALL ORDER BY 1, 2
