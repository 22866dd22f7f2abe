SELECT date_trunc(:grain, event_time) AS t, status_code, count(*) AS requests
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/ AND status_code >= 400
GROUP BY ALL ORDER BY 1, 2
