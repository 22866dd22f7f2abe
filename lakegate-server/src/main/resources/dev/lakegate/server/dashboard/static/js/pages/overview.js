// Overview: totals, requests/tokens/spend over time by tool, active users, error rate, share by tool.
import { chartGrid } from '../chart.js';

export const title = 'Overview';

export function render(ctx) {
  return chartGrid(ctx, 'overview', {
    'overview.kpis': { wide: true },
    'overview.requests': {},
    'overview.tokens': { sum: true, note: 'Input + output tokens per tool.' },
    'overview.spend': {},
    'overview.by_tool': {},
    'overview.active_users': {},
    'overview.error_rate': {},
  });
}
