SELECT to_timestamp(epoch_us(event_time) // :bucket_us * :bucket_us / 1000000) AS t,
  count_if(len(routing_information.attempts) > 1) AS fallbacks,
  count_if(len(routing_information.attempts) > 1 AND error_type IS NULL) AS rescued
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/
GROUP BY 1 ORDER BY 1
