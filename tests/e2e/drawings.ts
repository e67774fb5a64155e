import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A page fetches a chart's drawing when its figure comes within a screen of the viewport
 * (src/client/figures.ts). Checks of every chart on a page fetch them all as printing does, and
 * wait until each is in; checks of one figure scroll to it, as a reader does.
 */
export async function drawAll(page: Page): Promise<void> {
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction(() => !document.querySelector('[data-drawing]'));
  expect(await page.locator('.fig-variant[data-src] > .fig-hold').count(), 'drawings left unfetched').toBe(0);
}

/** Scrolls to a figure and waits for the drawing its column shows. */
export async function drawn(figure: Locator): Promise<void> {
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.locator('.fig-chart .fig-variant:visible svg').first()).toBeVisible();
  await expect(figure).not.toHaveAttribute('data-drawing', /./);
}
