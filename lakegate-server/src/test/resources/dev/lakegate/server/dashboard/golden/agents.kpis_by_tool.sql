WITH m AS (SELECT name, v, a, r['lakegate.principal'] AS principal,
    CASE WHEN r['service.name'] LIKE 'claude-code%' THEN 'claude-code'
         WHEN r['service.name'] LIKE 'codex%' THEN 'codex-cli'
         WHEN r['service.name'] = 'gemini-cli' THEN 'gemini-cli'
         ELSE r['service.name'] END AS tool,
    make_timestamp(ns // 1000) AS ts
  FROM (
    SELECT name, sum.value AS v, sum.attributes AS a, resource.attributes AS r, sum.time_unix_nano AS ns
    FROM main.telemetry.agents_otel_metrics
    WHERE metric_type = 'sum' AND sum.aggregation_temporality <> 'AGGREGATION_TEMPORALITY_CUMULATIVE'
      AND sum.time_unix_nano >= 1795239780000000000 AND sum.time_unix_nano < 1795844580000000000
    UNION ALL
    SELECT name, max(sum.value), sum.attributes, resource.attributes, max(sum.time_unix_nano)
    FROM main.telemetry.agents_otel_metrics
    WHERE metric_type = 'sum' AND sum.aggregation_temporality = 'AGGREGATION_TEMPORALITY_CUMULATIVE'
      AND sum.time_unix_nano >= 1795239780000000000 AND sum.time_unix_nano < 1795844580000000000
    GROUP BY name, sum.attributes, resource.attributes, sum.start_time_unix_nano)),
l AS (SELECT event_name, attributes AS a,
    resource.attributes['lakegate.principal'] AS principal,
    CASE WHEN resource.attributes['service.name'] LIKE 'claude-code%' THEN 'claude-code'
         WHEN resource.attributes['service.name'] LIKE 'codex%' THEN 'codex-cli'
         WHEN resource.attributes['service.name'] = 'gemini-cli' THEN 'gemini-cli'
         ELSE resource.attributes['service.name'] END AS tool,
    make_timestamp(coalesce(nullif(time_unix_nano, 0), observed_time_unix_nano) // 1000) AS ts
  FROM main.telemetry.agents_otel_logs
  WHERE coalesce(nullif(time_unix_nano, 0), observed_time_unix_nano) >= 1795239780000000000
    AND coalesce(nullif(time_unix_nano, 0), observed_time_unix_nano) < 1795844580000000000),
x AS (
  SELECT tool,
    sum(v) FILTER (WHERE name IN ('claude_code.session.count', 'gemini_cli.session.count')) AS sessions,
    sum(v) FILTER (WHERE name = 'claude_code.active_time.total') / 3600 AS active_hours,
    sum(v) FILTER (WHERE name IN ('claude_code.lines_of_code.count', 'gemini_cli.lines.changed') AND a['type'] = 'added') AS lines_added,
    sum(v) FILTER (WHERE name IN ('claude_code.lines_of_code.count', 'gemini_cli.lines.changed') AND a['type'] = 'removed') AS lines_removed,
    sum(v) FILTER (WHERE name = 'claude_code.commit.count') AS commits,
    sum(v) FILTER (WHERE name = 'claude_code.pull_request.count') AS pull_requests
  FROM m WHERE true AND tool = 'claude-code' AND a['model'] = 'gpt-5' GROUP BY tool
  UNION ALL
  SELECT tool, count(*), NULL, NULL, NULL, NULL, NULL
  FROM l WHERE event_name = 'codex.conversation_starts' AND tool = 'claude-code' AND a['model'] = 'gpt-5' GROUP BY tool)
SELECT tool, sum(sessions) AS sessions, sum(active_hours) AS active_hours, sum(lines_added) AS lines_added,
  sum(lines_removed) AS lines_removed, sum(commits) AS commits, sum(pull_requests) AS pull_requests
FROM x GROUP BY tool ORDER BY sessions DESC NULLS LAST, tool
