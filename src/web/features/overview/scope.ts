export function withScope(path: string, scope: URLSearchParams, extra: Record<string, string> = {}) {
  const params = new URLSearchParams(scope);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
