SELECT requester, sum(cost_usd) AS usd, count(*) AS requests
FROM system.ai_gateway.usage
WHERE event_time >= TIMESTAMP '2026-11-21 05:43:00' AND event_time < TIMESTAMP '2026-11-28 05:43:00' AND tool = 'claude-code' AND destination_model = 'gpt-5'
GROUP BY 1 ORDER BY 2 DESC NULLS LAST, 1 LIMIT 10
