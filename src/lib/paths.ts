/** Joins the site's base path (import.meta.env.BASE_URL, e.g. "/london-crime-analysis/") to a path. */
export function withBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base : base + '/';
  return b + path.replace(/^\//, '');
}
