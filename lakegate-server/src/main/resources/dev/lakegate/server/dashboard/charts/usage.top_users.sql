SELECT requester, sum(cost_usd) AS usd, count(*) AS requests
FROM system.ai_gateway.usage
WHERE event_time >= :from AND event_time < :to /*filters*/
GROUP BY 1 ORDER BY 2 DESC NULLS LAST, 1 LIMIT 10
