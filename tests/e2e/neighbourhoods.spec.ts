/** The confidence comparator in a real browser: every figure follows the controls and the address. */
import { test, expect, type Page } from '@playwright/test';
import { pasBoroughs } from './expected.ts';

const IDS = [
  'neighbourhoods-ranked',
  'neighbourhoods-funnel',
  'neighbourhoods-trend',
  'neighbourhoods-map',
  'neighbourhoods-crime',
  'neighbourhoods-groups',
];
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
  await expect(page.locator('#neighbourhoods-trend .fig-title')).toContainText(
    'Westminster against its most similar boroughs',
  );
  await expect(page.locator('#neighbourhoods-map svg:visible path.lca-selected')).toHaveCount(1);
  await expect(page).toHaveURL(/borough=E09000033/);
  await page.locator('input[name=limits][value=overdispersed]').check();
  await ready(page);
  await expect(page.locator('#neighbourhoods-funnel .fig-subtitle')).toContainText('overdispersion-adjusted limits');
  await page.locator('#nb-quarter').selectOption('2019-12');
  await ready(page);
  await expect(page.locator('#neighbourhoods-ranked .fig-title')).toContainText('December 2019');
  // The ranked chart has every borough, Westminster marked as the chosen one.
  await expect(page.locator('#neighbourhoods-ranked table tbody tr')).toHaveCount(pasBoroughs('Trust MPS', '2019-12'));
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
  const status = page.locator('#neighbourhoods-status');
  await expect(status).toContainText('measure "nope" is not one of');
  await expect(status).toContainText('the City of London is not surveyed');
  await expect(status).toContainText('limits "wide"');
  await expect(status).toContainText('unknown setting "zzz" ignored');
  await page.goto('neighbourhoods/?measure=trust&quarter=2015-06');
  await ready(page);
  await expect(page.locator('#neighbourhoods-status')).toContainText(
    'Trust MPS has no value for June 2015, so the latest quarter is shown',
  );
  await expect(page.locator('#nb-quarter')).toHaveValue('2023-12');
});

test('the ward comparator: a ward found by name redraws the comparison and the map, and stays in the address', async ({
  page,
}) => {
  await page.goto('neighbourhoods/');
  await ready(page);
  await expect(page.locator('#neighbourhoods-ward .fig-title')).toContainText(/Crime in .+ \(Barking and Dagenham\)/);
  const input = page.locator('#neighbourhoods-ward-search');
  // Part of a name that several wards share: the list offers them, nothing is redrawn.
  await input.fill('Park');
  await expect(page.locator('#neighbourhoods-ward-options [role=option]')).not.toHaveCount(1);
  await expect(page.locator('#neighbourhoods-ward-options [role=option]').first()).toContainText('Park');
  await expect(page.locator('#neighbourhoods-ward .fig-title')).toContainText('(Barking and Dagenham)');
  // Chosen from the list with the keyboard.
  await input.fill('Bush Hill Park');
  await expect(page.locator('#neighbourhoods-ward-options [role=option]').first()).toHaveText(
    'Bush Hill Park, Enfield',
  );
  await input.press('ArrowDown');
  await expect(input).toHaveAttribute('aria-activedescendant', 'neighbourhoods-ward-options-0');
  await input.press('Enter');
  await expect(page.locator('#neighbourhoods-ward .fig-title')).toContainText(
    'Crime in Bush Hill Park (Enfield) against the 15 wards most like it',
  );
  await expect(page.locator('#neighbourhoods-ward')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#neighbourhoods-ward-status')).toBeHidden();
  const code = await page
    .locator('#neighbourhoods-ward-map svg:visible path[fill="var(--lca-highlight)"]')
    .getAttribute('data-code');
  expect(code).toMatch(/^E05/);
  await expect(page).toHaveURL(new RegExp(`ward=${code}`));
  // The map shows the ward and its 15 most similar; the table lists the 15.
  await expect(page.locator('#neighbourhoods-ward-map svg:visible path[data-code]')).toHaveCount(16);
  await expect(page.locator('#neighbourhoods-ward-map table tbody tr')).toHaveCount(15);
  // A change of the borough view keeps the ward in the address.
  await page.locator('#nb-measure').selectOption('fair');
  await ready(page);
  await expect(page).toHaveURL(new RegExp(`measure=fair.*ward=${code}|ward=${code}.*measure=fair`));
  // Reloaded, the address gives the same ward.
  await page.goto(page.url());
  await expect(page.locator('#neighbourhoods-ward')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#neighbourhoods-ward .fig-title')).toContainText('Bush Hill Park (Enfield)');
  await expect(page.locator('#neighbourhoods-ward-search')).toHaveValue('Bush Hill Park, Enfield');
  // An unknown ward falls back and says so.
  await page.goto('neighbourhoods/?ward=E05999999');
  await expect(page.locator('#neighbourhoods-ward')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#neighbourhoods-ward-status')).toContainText(
    /ward "E05999999" is not one of the \d+ Met wards/,
  );
});

test('embeds take their view from the address, like the page', async ({ page }) => {
  await page.goto('embed/neighbourhoods-funnel/?measure=trust&limits=overdispersed&borough=E09000033');
  await expect(page.locator('#neighbourhoods-funnel')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#neighbourhoods-funnel .fig-title')).toContainText('Trust the Metropolitan Police');
  await expect(page.locator('#neighbourhoods-funnel .fig-subtitle')).toContainText('◆ Westminster');
  const wards = (await (await page.request.get('data/neighbourhoods/wards.json')).json()) as {
    wards: { code: string; name: string; boroughName: string }[];
  };
  const bush = wards.wards.find((w) => w.name === 'Bush Hill Park')!;
  await page.goto(`embed/neighbourhoods-ward/?ward=${bush.code}`);
  await expect(page.locator('#neighbourhoods-ward .fig-title')).toContainText(
    `Crime in Bush Hill Park (${bush.boroughName})`,
  );
  await expect(page.locator('#neighbourhoods-ward')).toHaveAttribute('data-state', 'ready');
  await page.goto('embed/neighbourhoods-ward/?ward=nope');
  await expect(page.locator('#neighbourhoods-ward-status')).toContainText('ward "nope" is not one of');
});
