import type { Page } from '@playwright/test';

/**
 * Collects the page's Content Security Policy violations (the browser reports each as a
 * securitypolicyviolation event): a page that needs something its policy forbids is broken.
 * Call before the page is loaded; the function returned reads them.
 */
export async function cspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}
