WITH /*m*/
SELECT coalesce(model, 'unknown') AS model, type AS type, sum(v) AS tokens
FROM m WHERE name IN ('claude_code.token.usage', 'gemini_cli.token.usage') /*filters*/
GROUP BY ALL ORDER BY 1, 2
