SELECT requester, count(*) AS requests, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
  sum(token_details.cache_read_input_tokens) AS cache_read_tokens, sum(cost_usd) AS usd,
  count_if(cost_usd IS NULL AND destination_provider IS NOT NULL) AS unpriced
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/
GROUP BY 1 ORDER BY 6 DESC NULLS LAST, 1 LIMIT 100
