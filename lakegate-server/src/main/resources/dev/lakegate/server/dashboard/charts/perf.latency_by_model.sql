SELECT coalesce(destination_model, 'none') AS model, quantile_cont(latency_ms, 0.5) AS p50,
  quantile_cont(latency_ms, 0.95) AS p95
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/ AND error_type IS NULL
GROUP BY 1 ORDER BY 1
