import type { ApiRoute } from '../app.js';

/**
 * The methods the API takes at a concrete path ("/api/v1/accounts/0190…"), from the route table, so a
 * request with another method is answered 405 with an `Allow` header rather than a bare 404 that reads as
 * "no such record". A path matches a route when every segment is equal or fills a `:param`; the methods
 * of every matching route count, as the router tries each method's routes on its own.
 */
export function allowedMethodsAt(routes: readonly ApiRoute[]): (path: string) => string[] {
  const patterns = new Map<string, { segments: string[]; methods: Set<string> }>();
  for (const route of routes) {
    const pattern = patterns.get(route.url) ?? { segments: route.url.split('/'), methods: new Set<string>() };
    pattern.methods.add(route.method);
    // Fastify answers HEAD wherever it answers GET.
    if (route.method === 'GET') pattern.methods.add('HEAD');
    patterns.set(route.url, pattern);
  }
  return (path) => {
    const segments = path.replace(/\/+$/, '').split('/');
    const allowed = new Set<string>();
    for (const pattern of patterns.values()) {
      if (matches(pattern.segments, segments)) for (const method of pattern.methods) allowed.add(method);
    }
    return [...allowed].sort();
  };
}

function matches(pattern: string[], path: string[]): boolean {
  return (
    pattern.length === path.length &&
    pattern.every((segment, index) => segment === path[index] || (segment.startsWith(':') && path[index] !== ''))
  );
}
