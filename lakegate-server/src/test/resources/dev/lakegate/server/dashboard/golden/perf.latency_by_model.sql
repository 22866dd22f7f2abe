SELECT coalesce(destination_model, 'none') AS model, quantile_cont(latency_ms, 0.5) AS p50,
  quantile_cont(latency_ms, 0.95) AS p95
FROM system.ai_gateway.usage
WHERE event_time >= TIMESTAMP '2026-11-21 05:43:00' AND event_time < TIMESTAMP '2026-11-28 05:43:00' AND tool = 'claude-code' AND destination_model = 'gpt-5' AND error_type IS NULL
GROUP BY 1 ORDER BY 1
