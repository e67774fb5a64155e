/**
 * Reads ?release=YYYY-MM. A known release redirects to its page; anything else
 * keeps the page (the latest release) and says what was not understood.
 */
export function resolveRelease(): void {
  const raw = new URLSearchParams(location.search).get('release');
  if (raw === null) return;
  const pages = JSON.parse(document.getElementById('release-pages')?.textContent ?? '{}') as Record<string, string>;
  const target = pages[raw.trim()];
  if (target) {
    if (!location.pathname.endsWith(target.replace(/^.*?(national\/.*)$/, '$1'))) location.replace(target);
    return;
  }
  const latest = (document.getElementById('release-latest') as HTMLInputElement | null)?.value ?? '';
  const status = document.getElementById('release-status');
  if (status) {
    status.hidden = false;
    status.textContent = `There is no release "${raw}". Showing the latest release (12 months ending ${latest}). Releases available: ${Object.keys(pages).join(', ')}.`;
  }
}
