SELECT to_timestamp(epoch_us(event_time) // :bucket_us * :bucket_us / 1000000) AS t, coalesce(tool, 'unknown') AS tool, sum(cost_usd) AS usd
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/
GROUP BY ALL ORDER BY 1, 2
