WITH /*m*/,
/*l*/
SELECT tool, decision, sum(n) AS decisions FROM (
  SELECT tool, decision, sum(v) AS n
  FROM m WHERE name = 'claude_code.code_edit_tool.decision' /*filters*/ GROUP BY ALL
  UNION ALL
  SELECT tool, decision, sum(n)
  FROM l WHERE event_name = 'codex.tool_decision' /*filters*/ GROUP BY ALL)
WHERE decision IS NOT NULL
GROUP BY ALL ORDER BY 1, 2
