// Usage & cost: spend by model, per-user / endpoint / model tables, cache hits, budgets.
import { get } from '../api.js';
import { chartGrid } from '../chart.js';
import { integer } from '../format.js';

export const title = 'Usage & cost';

/** The "unpriced models" banner when usage.by_user counts requests without a price. */
function unpricedBanner(banner) {
  return (answer) => {
    const i = answer.columns.findIndex((c) => c.name === 'unpriced');
    const n = i < 0 ? 0 : answer.rows.reduce((sum, r) => sum + (Number(r[i]) || 0), 0);
    if (n > 0) {
      const code = document.createElement('code');
      code.textContent = 'pricing:';
      banner.replaceChildren(`${integer(n)} requests to unpriced models: set `, code, " in the gateway's configuration to count their cost.");
      banner.hidden = false;
    }
  };
}

export function render(ctx) {
  const banner = document.createElement('div');
  banner.className = 'banner';
  banner.dataset.testid = 'unpriced-banner';
  banner.hidden = true;
  ctx.content.append(banner);
  const budgets = get('/ui/api/budgets').then((b) => b.budgets).catch(() => []); // awaited by the budgets chart only
  return chartGrid(ctx, 'usage', {
    'usage.spend_by_model': { wide: true },
    'usage.top_users': { horizontal: true, values: ['usd'] },
    'usage.cache_hit': {},
    'usage.by_user': { wide: true, onAnswer: unpricedBanner(banner) },
    'usage.by_model': { wide: true },
    'usage.by_endpoint': { wide: true },
    'usage.budgets': { wide: true, budgets },
  });
}
