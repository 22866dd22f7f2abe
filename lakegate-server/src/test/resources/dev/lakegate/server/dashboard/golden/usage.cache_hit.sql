SELECT coalesce(tool, 'unknown') AS tool,
  sum(token_details.cache_read_input_tokens) / nullif(sum(input_tokens), 0) AS cache_hit_rate
FROM system.ai_gateway.usage
WHERE event_time >= TIMESTAMP '2026-11-21 05:43:00' AND event_time < TIMESTAMP '2026-11-28 05:43:00' AND tool = 'claude-code' AND destination_model = 'gpt-5'
GROUP BY 1 ORDER BY 1
