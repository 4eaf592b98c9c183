import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { desktopContext, linkSandboxDesk, shoot, signInAsAdmin } from './support.ts';

/**
 * A campaign made in the dashboard from a CSV file, against the shared gateway: the creation flow, live
 * progress, pause and resume, completion, the report, and what the virtual phones received. Self-contained:
 * it signs in as the admin (creating the account when this file runs alone) and links an account of its own.
 */
test.describe.configure({ mode: 'serial' });

const desk = { name: 'Campaign desk', id: 'campaign-desk', phone: '4915112340066' };
const people = [
  { phone: '+14155550301', name: 'Grace', city: 'Lisbon' },
  { phone: '+14155550302', name: 'Alan', city: 'Porto' },
  { phone: '+14155550303', name: 'Ada', city: 'Braga' },
  { phone: '+14155550304', name: 'Edsger', city: 'Faro' },
  { phone: '+14155550305', name: 'Barbara', city: 'Evora' },
  { phone: '+14155550306', name: 'Katherine', city: 'Coimbra' },
];
// The same number twice (written differently) and a row without a usable number.
const csv = [
  'phone;name;city',
  ...people.map((p) => `${p.phone};${p.name};${p.city}`),
  '+1 (415) 555-0301;Grace again;Lisbon',
  'not a number;Nobody;Nowhere',
].join('\n');

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
  context = await desktopContext(browser, testInfo, { acceptDownloads: true });
  page = await context.newPage();
  const request = context.request;
  await signInAsAdmin(request);
  await linkSandboxDesk(request, desk);
});

test.afterAll(async () => {
  await context?.close();
});

test('a campaign from a CSV file: drafted step by step, watched live, paused, resumed, completed and exported', async () => {
  await page.goto('/campaigns');
  await page.getByRole('link', { name: 'New campaign' }).first().click();

  // Account.
  await expect(page.getByRole('heading', { name: 'New campaign' })).toBeVisible();
  await page.getByLabel('Campaign name').fill('Spring news');
  const account = page.getByLabel('Account', { exact: true });
  await expect(account.locator('option', { hasText: `${desk.name} · ` })).toHaveText(/Connected/);
  await account.selectOption(desk.id);
  await page.getByRole('button', { name: 'Create draft' }).click();

  // Audience: the file is read in the browser; the phone column is recognised, the rest become variables.
  await expect(page.getByRole('tab', { name: 'CSV file' })).toHaveAttribute('aria-selected', 'true');
  await page
    .getByTestId('csv-file')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByText('customers.csv')).toBeVisible();
  await expect(page.getByLabel('Phone column')).toHaveValue('0');
  await expect(page.getByRole('table', { name: 'First rows of the file' })).toContainText('{{city}}');
  await shoot(page, 'campaign-audience', { phone: false });
  await page.getByRole('button', { name: 'Add 8 rows' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('6 added');
  await expect(report).toContainText('1 duplicate left out');
  await expect(report).toContainText('not a number');
  await expect(page.getByTestId('audience-total')).toHaveText('6');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Message: two wordings, previewed for the first recipient.
  await page.getByLabel('Wording', { exact: true }).fill('Hi {{name}}, spring news from {{city}}!');
  await page.getByRole('button', { name: 'Add a wording' }).click();
  await page
    .getByRole('textbox', { name: 'Wording 2' })
    .fill('Hello {{name|there}}: {{city}} has spring news.');
  await expect(page.getByTestId('preview-variant').first()).toHaveText('Hi Grace, spring news from Lisbon!');
  await expect(page.getByTestId('preview-variant').nth(1)).toHaveText('Hello Grace: Lisbon has spring news.');
  await shoot(page, 'campaign-message', { phone: false });
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Pacing: short gaps at any hour, for the test; the dashboard says what that risks.
  await page.getByLabel('Shortest gap (seconds)').fill('1.5');
  await page.getByLabel('Longest gap (seconds)').fill('3');
  await page.getByLabel(/Only send in these hours/).uncheck();
  await expect(page.getByTestId('pacing-warnings')).toContainText('look automated');
  await shoot(page, 'campaign-pacing', { phone: false });
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Review, then start.
  await expect(page.getByTestId('review-recipients')).toHaveText('6');
  await shoot(page, 'campaign-review', { phone: false });
  await page.getByRole('button', { name: 'Start now' }).click();

  // Live progress, without reloading.
  await expect(page.getByRole('heading', { name: 'Spring news' })).toBeVisible();
  const status = page.getByTestId('campaign-status');
  await expect(status).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('campaign-account')).toContainText(desk.name);
  await expect
    .poll(async () => Number(await page.getByTestId('count-pending').locator('span').last().textContent()))
    .toBeLessThan(6);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('pause-notice')).toContainText('Paused by you');
  await shoot(page, 'campaign-paused', { phone: true, dark: true });
  await page.getByRole('button', { name: 'Resume' }).click();

  await expect(status).toHaveAttribute('data-status', 'completed', { timeout: 40_000 });
  await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '6');
  await expect(page.getByTestId('recipient-row')).toHaveCount(6);
  await page.getByLabel('Search recipients').fill('Katherine');
  await expect(page.getByTestId('recipient-row')).toHaveCount(1);
  await page.getByLabel('Search recipients').fill('');
  await shoot(page, 'campaign-completed', { phone: true });

  // The report: every recipient with what became of them.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const exported = readFileSync(await download.path(), 'utf8');
  for (const p of people) expect(exported).toContain(p.phone.slice(1));
  expect(exported.trim().split('\n')).toHaveLength(7);

  // Each virtual phone got exactly one message, in one of the two wordings, filled in for it.
  for (const p of people) {
    const response = await context.request.get(`/api/sandbox/phones/${p.phone.slice(1)}/messages`);
    const texts = ((await response.json()) as Array<{ text: string }>).map((m) => m.text);
    expect(texts, p.name).toHaveLength(1);
    expect([
      `Hi ${p.name}, spring news from ${p.city}!`,
      `Hello ${p.name}: ${p.city} has spring news.`,
    ]).toContain(texts[0]);
  }

  // The list shows it finished.
  await page.getByRole('link', { name: 'Campaigns', exact: true }).first().click();
  const row = page.getByRole('row', { name: /Spring news/ });
  await expect(row.getByTestId('campaign-status')).toHaveAttribute('data-status', 'completed');
  await shoot(page, 'campaigns-list', { phone: true });
});

test('contacts are tagged in the inbox, a STOP reply lands on the opt-out list, and accounts group into a pool', async () => {
  const request = context.request;
  const fan = '14155550399';
  for (const message of [
    { from: fan, text: 'Hello, any news?' },
    { from: people[0]!.phone.slice(1), text: ' stop ' },
  ]) {
    const response = await request.post('/api/sandbox/inbound', { data: { ...message, to: desk.phone } });
    expect(response.ok(), await response.text()).toBe(true);
  }

  // A tag given in the inbox is what campaigns pick audiences by.
  await page.goto(`/inbox?session=${desk.id}`);
  await page.getByTestId('conversation').filter({ hasText: 'Hello, any news?' }).click();
  const tags = page.getByTestId('contact-tags');
  await tags.getByLabel('Add a tag').fill('  VIP Clients ');
  await tags.getByLabel('Add a tag').press('Enter');
  await expect(tags.getByRole('list', { name: 'Tags' })).toHaveText('vip clients');
  await shoot(page, 'inbox-contact-tags', { phone: false });
  await page.reload();
  await expect(page.getByTestId('contact-tags').getByRole('list', { name: 'Tags' })).toHaveText(
    'vip clients',
  );

  // The STOP reply put Grace on the account's opt-out list; numbers can be added and removed by hand too.
  await page.goto('/campaigns');
  await page.getByRole('link', { name: 'Opt-outs' }).click();
  await page.getByLabel('Account', { exact: true }).selectOption(desk.id);
  const list = page.getByRole('list', { name: 'Opted-out numbers' });
  await expect(list).toContainText('+1 415 555 0301');
  await expect(list).toContainText('Replied with a stop word');
  await page.getByRole('textbox', { name: 'Numbers' }).fill('+1 415 555 0398');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(list).toContainText('+1 415 555 0398');
  await shoot(page, 'opt-outs', { phone: true });
  await page.getByRole('button', { name: 'Remove +1 415 555 0398' }).click();
  await expect(list).not.toContainText('+1 415 555 0398');

  // A pool of accounts.
  await page.goto('/campaigns/pools');
  await page.getByRole('button', { name: 'New pool' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Spring desks');
  await dialog.getByRole('checkbox', { name: new RegExp(desk.name) }).check();
  await dialog.getByRole('button', { name: 'Create pool' }).click();
  const pools = page.getByRole('list', { name: 'Pools' });
  await expect(pools).toContainText('Spring desks');
  await expect(pools).toContainText(desk.name);
  await shoot(page, 'pools', { phone: false });
});
