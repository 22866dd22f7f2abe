SELECT coalesce(tool, 'unknown') AS tool,
  sum(token_details.cache_read_input_tokens) / nullif(sum(input_tokens), 0) AS cache_hit_rate
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/
GROUP BY 1 ORDER BY 1
