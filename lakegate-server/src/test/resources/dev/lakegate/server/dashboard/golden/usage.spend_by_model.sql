SELECT to_timestamp(epoch_us(event_time) // 86400000000 * 86400000000 / 1000000) AS t, destination_model AS model, sum(cost_usd) AS usd
FROM system.ai_gateway.usage
WHERE event_time >= TIMESTAMP '2026-11-21 05:43:00' AND event_time < TIMESTAMP '2026-11-28 05:43:00' AND tool = 'claude-code' AND destination_model = 'gpt-5' AND destination_model IS NOT NULL
GROUP BY ALL ORDER BY 1, 2
