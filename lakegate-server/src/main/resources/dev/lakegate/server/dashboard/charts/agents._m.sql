-- CTE m: metric sums in the range, from the hourly rollup (AgentRollup; an hour may hold several rows per
-- key, so values are only ever summed, or for CUMULATIVE series maxed). DELTA points count as sent; a
-- CUMULATIVE series counts its largest value per (series, start time) in the range, at its last point (an
-- approximation, noted under the charts).
m AS (SELECT name, value AS v, model, type, decision, principal, tool, CAST(hour AS TIMESTAMP) AS ts
  FROM system.ai_gateway.agent_hourly
  WHERE source = 'metric' AND series IS NULL AND hour >= :from AND hour < :to
  UNION ALL
  SELECT name, max(value), model, type, decision, principal, tool, CAST(max(last_time) AS TIMESTAMP)
  FROM system.ai_gateway.agent_hourly
  WHERE source = 'metric' AND series IS NOT NULL AND hour >= :from AND hour < :to
  GROUP BY name, series, series_start, model, type, decision, principal, tool)
