/** `/approvals/{id}/decide#token=…`, the page an approval e-mail links to; null for any other address. */
export function approvalLinkOf(location: Pick<Location, 'pathname' | 'hash'>): { id: string; token: string } | null {
  const path = /^\/approvals\/([0-9a-f-]{36})\/decide\/?$/i.exec(location.pathname);
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return path?.[1] && token ? { id: path[1], token } : null;
}
