WITH b AS (SELECT * FROM (VALUES ('team', 'GROUP', 'eng', CAST(['alice'] AS VARCHAR[]), TIMESTAMP '2026-11-28 00:00:00', 25.0)) AS v(name, scope, subject, members, since, limit_usd))
SELECT b.name, b.limit_usd, coalesce(sum(u.cost_usd), 0) AS spent_usd
FROM b LEFT JOIN system.ai_gateway.usage u ON u.event_time >= b.since AND (
  b.scope = 'ENDPOINT' AND u.endpoint_name = b.subject
  OR b.scope IN ('USER', 'SERVICE_PRINCIPAL') AND u.requester = b.subject
  OR b.scope = 'GROUP' AND (b.subject = 'users' OR list_contains(b.members, u.requester)))
GROUP BY ALL ORDER BY 1
