// Performance: latency and time to first byte percentiles, errors, refusals, fallbacks.
import { chartGrid } from '../chart.js';

export const title = 'Performance';

export function render(ctx) {
  return chartGrid(ctx, 'perf', {
    'perf.latency': {},
    'perf.ttfb': {},
    'perf.latency_by_model': { horizontal: true },
    'perf.errors_by_status': {},
    'perf.refusals': {},
    'perf.fallbacks': {},
    'perf.error_types': { wide: true },
  });
}
