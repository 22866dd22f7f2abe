// Coding agents: what the agents' own OpenTelemetry export says (sessions, lines, decisions, cost).
import { chartGrid } from '../chart.js';

export const title = 'Coding agents';

const CUMULATIVE = 'Cumulative series are counted as their maximum per series and start time.';

export function render(ctx) {
  return chartGrid(ctx, 'agents', {
    'agents.kpis_by_tool': { wide: true, note: CUMULATIVE },
    'agents.sessions': {},
    'agents.lines': {},
    'agents.edit_decisions': { rate: ['accept', 'reject'] },
    'agents.cost_by_model': {},
    'agents.tokens_by_model': {},
    'agents.by_user': { wide: true },
  });
}
