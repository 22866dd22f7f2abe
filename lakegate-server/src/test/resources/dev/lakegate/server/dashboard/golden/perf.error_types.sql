SELECT error_type, status_code, count(*) AS requests, max(event_time) AS last_seen
FROM system.ai_gateway.usage
WHERE event_time >= TIMESTAMP '2026-11-21 05:43:00' AND event_time < TIMESTAMP '2026-11-28 05:43:00' AND tool = 'claude-code' AND destination_model = 'gpt-5' AND error_type IS NOT NULL
GROUP BY ALL ORDER BY 3 DESC, 1, 2
