SELECT error_type, status_code, count(*) AS requests, max(event_time) AS last_seen
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/ AND error_type IS NOT NULL
GROUP BY ALL ORDER BY 3 DESC, 1, 2
