-- CTE l: log events in the range, from the hourly rollup: n events per row (count them with sum(n)).
l AS (SELECT name AS event_name, points AS n, model, decision, principal, tool, CAST(hour AS TIMESTAMP) AS ts
  FROM system.ai_gateway.agent_hourly
  WHERE source = 'event' AND hour >= :from AND hour < :to)
