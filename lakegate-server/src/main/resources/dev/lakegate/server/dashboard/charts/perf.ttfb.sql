SELECT to_timestamp(epoch_us(event_time) // :bucket_us * :bucket_us / 1000000) AS t, quantile_cont(time_to_first_byte_ms, 0.5) AS p50,
  quantile_cont(time_to_first_byte_ms, 0.95) AS p95, quantile_cont(time_to_first_byte_ms, 0.99) AS p99
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/ AND error_type IS NULL AND streaming
GROUP BY 1 ORDER BY 1
