/** The confidence comparator in a real browser: every figure follows the controls and the address. */
import { test, expect, type Page } from '@playwright/test';

const IDS = ['neighbourhoods-ranked', 'neighbourhoods-funnel', 'neighbourhoods-trend', 'neighbourhoods-map', 'neighbourhoods-crime'];
async function ready(page: Page): Promise<void> {
  for (const id of IDS) await expect(page.locator(`#${id}`)).toHaveAttribute('data-state', 'ready');
}

test('measure, borough, quarter and funnel limits redraw every figure and stay in the address', async ({ page }) => {
  await page.goto('neighbourhoods/');
  await ready(page);
  await expect(page.locator('#neighbourhoods-ranked .fig-title')).toContainText('Police do a good job locally');
  await page.locator('#nb-measure').selectOption('trust');
  await ready(page);
  await expect(page.locator('#neighbourhoods-ranked .fig-title')).toContainText('Trust the Metropolitan Police');
  await expect(page).toHaveURL(/measure=trust/);
  await page.locator('#nb-borough').selectOption('E09000033');
  await ready(page);
  await expect(page.locator('#neighbourhoods-trend .fig-title')).toContainText('Westminster against its most similar boroughs');
  await expect(page.locator('#neighbourhoods-map svg:visible path.lca-selected')).toHaveCount(1);
  await expect(page).toHaveURL(/borough=E09000033/);
  await page.locator('input[name=limits][value=overdispersed]').check();
  await ready(page);
  await expect(page.locator('#neighbourhoods-funnel .fig-subtitle')).toContainText('overdispersion-adjusted limits');
  await page.locator('#nb-quarter').selectOption('2019-12');
  await ready(page);
  await expect(page.locator('#neighbourhoods-ranked .fig-title')).toContainText('December 2019');
  // The ranked chart has every borough, Westminster marked as the chosen one.
  await expect(page.locator('#neighbourhoods-ranked table tbody tr')).toHaveCount(32);
  // Reloading the address gives the same view.
  const url = page.url();
  await page.goto(url);
  await ready(page);
  await expect(page.locator('#nb-measure')).toHaveValue('trust');
  await expect(page.locator('#nb-quarter')).toHaveValue('2019-12');
  await expect(page.locator('#neighbourhoods-funnel .fig-subtitle')).toContainText('overdispersion-adjusted limits');
});

test('a bad address falls back and says so; a measure without the quarter moves to the latest', async ({ page }) => {
  await page.goto('neighbourhoods/?measure=nope&borough=E09000001&limits=wide&zzz=1');
  await ready(page);
  const status = page.locator('#nb-status');
  await expect(status).toContainText('measure "nope" is not one of');
  await expect(status).toContainText('the City of London is not surveyed');
  await expect(status).toContainText('limits "wide"');
  await expect(status).toContainText('unknown setting "zzz" ignored');
  await page.goto('neighbourhoods/?measure=trust&quarter=2015-06');
  await ready(page);
  await expect(page.locator('#nb-status')).toContainText('Trust MPS has no value for June 2015, so the latest quarter is shown');
  await expect(page.locator('#nb-quarter')).toHaveValue('2023-12');
});
