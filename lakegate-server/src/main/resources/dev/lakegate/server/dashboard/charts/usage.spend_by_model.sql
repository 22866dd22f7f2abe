SELECT to_timestamp(epoch_us(event_time) // :bucket_us * :bucket_us / 1000000) AS t, destination_model AS model, sum(cost_usd) AS usd
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/ AND destination_model IS NOT NULL
GROUP BY ALL ORDER BY 1, 2
