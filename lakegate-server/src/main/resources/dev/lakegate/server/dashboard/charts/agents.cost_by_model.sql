WITH /*m*/
SELECT date_trunc(:grain, ts) AS t, coalesce(model, 'unknown') AS model, sum(v) AS usd
FROM m WHERE name = 'claude_code.cost.usage' /*filters*/
GROUP BY ALL ORDER BY 1, 2
