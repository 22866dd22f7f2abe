-- The values the dashboard's filter menus offer in the range (users only for admins).
SELECT 'tool' AS filter, tool AS value FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to AND tool IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'endpoint', endpoint_name FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to AND endpoint_name IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'model', destination_model FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to AND destination_model IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'user', requester FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to AND requester IS NOT NULL GROUP BY ALL
ORDER BY 1, 2
