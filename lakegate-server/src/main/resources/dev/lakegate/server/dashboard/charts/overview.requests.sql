SELECT date_trunc(:grain, event_time) AS t, coalesce(tool, 'unknown') AS tool, count(*) AS requests
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/
GROUP BY ALL ORDER BY 1, 2
