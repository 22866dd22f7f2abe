SELECT to_timestamp(epoch_us(event_time) // :bucket_us * :bucket_us / 1000000) AS t, status_code, count(*) AS requests
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/ AND status_code >= 400
GROUP BY ALL ORDER BY 1, 2
