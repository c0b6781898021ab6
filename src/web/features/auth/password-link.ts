/** `/reset-password#token=…`, the page a reset or invitation e-mail links to: its token, else null. */
export function passwordLinkOf(location: Pick<Location, 'pathname' | 'hash'>): string | null {
  if (!/^\/reset-password\/?$/.test(location.pathname)) return null;
  return new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
}
