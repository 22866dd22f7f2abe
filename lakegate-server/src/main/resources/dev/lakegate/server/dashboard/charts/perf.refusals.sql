SELECT to_timestamp(epoch_us(event_time) // :bucket_us * :bucket_us / 1000000) AS t, error_type, count(*) AS requests
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/ AND error_type IN ('RATE_LIMITED', 'BUDGET_EXCEEDED') AND len(routing_information.attempts) = 0
GROUP BY ALL ORDER BY 1, 2
