export function withScope(path: string, scope: URLSearchParams, extra: Record<string, string> = {}) {
  const params = new URLSearchParams(scope);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * The deal figures of the dashboard are of one currency. Where it left deals in others out, the records
 * behind a figure are those of its currency; where there are none, the filter would only add a chip.
 */
export function dealCurrencyFilter(
  dashboard: { currency: string; otherCurrencies: unknown[] } | undefined,
): Record<string, string> {
  return dashboard && dashboard.otherCurrencies.length > 0 ? { currency: dashboard.currency } : {};
}
