-- One row per budget that applies to the reader: its spend in the current window (all of it for
-- admins; for others their own, as the row filter leaves only their rows). The range and filters
-- do not apply: a budget's window is its own.
WITH b AS (/*budgets*/)
SELECT b.name, b.limit_usd, coalesce(sum(u.cost_usd), 0) AS spent_usd
FROM b LEFT JOIN system.ai_gateway.usage u ON u.event_time >= b.since AND (
  b.scope = 'ENDPOINT' AND u.endpoint_name = b.subject
  OR b.scope IN ('USER', 'SERVICE_PRINCIPAL') AND u.requester = b.subject
  OR b.scope = 'GROUP' AND (b.subject = 'users' OR list_contains(b.members, u.requester)))
GROUP BY ALL ORDER BY 1
