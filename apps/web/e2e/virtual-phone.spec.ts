import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { shoot, signInAsAdmin, trpcMutation } from './support.ts';

/**
 * A new operator tries the sandbox from start to finish without leaving the dashboard: adds a session, links
 * it with a virtual phone, receives a message from a customer's virtual phone, answers it from the inbox and
 * sees the answer arrive on that phone. The test itself calls no API once the user exists; the second run does
 * it all on a 360 px phone with a 100-character session name, and no screen may scroll sideways.
 */
test.describe.configure({ mode: 'serial' });

const users = [
  {
    name: 'Nadia New',
    email: 'nadia@example.com',
    password: 'new-operator-1',
    viewport: { width: 1280, height: 860 },
  },
  {
    name: 'Pedro Phone',
    email: 'pedro@example.com',
    password: 'new-operator-2',
    viewport: { width: 360, height: 740 },
  },
];

let admin: BrowserContext;

test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
  admin = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  await signInAsAdmin(admin.request);
  for (const { name, email, password } of users)
    await trpcMutation(admin.request, 'users.create', { name, email, password, role: 'operator' });
});

test.afterAll(async () => {
  await admin?.close();
});

/** The page never scrolls sideways: nothing is wider than the window. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const widths = await page.evaluate(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
  );
  const { scroll, client } = widths as { scroll: number; client: number };
  expect(scroll, `${where}: the page is ${scroll} px wide in a ${client} px window`).toBeLessThanOrEqual(
    client,
  );
}

/** Goes to a main screen through the navigation, opening the menu first where it is folded away. */
async function goTo(page: Page, label: string, narrow: boolean) {
  if (narrow) await page.getByRole('button', { name: 'Open the menu' }).click();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: label })
    .filter({ visible: true })
    .click();
}

for (const [run, user] of users.entries()) {
  const narrow = run === 1;
  const sessionName = narrow
    ? 'Customer service desk for the north-western region, its branch offices and the warehouse teams of Lisbon'.slice(
        0,
        100,
      )
    : 'Desk';
  const customer = narrow ? '+1 415 555 0143' : '+1 415 555 0142';
  // Each run links its own virtual phone: a phone links to one session at a time.
  const linkedAs = narrow ? '+49 1512 7654322' : '+49 1512 7654321';
  // On the phone, a long message: it arrives folded, with "Show more".
  const question = narrow
    ? `Hola, ¿dónde está mi pedido? ${'Lo pedí la semana pasada y todavía no ha llegado. '.repeat(14)}`.trim()
    : 'Hello, is my order on its way?';
  const answer = narrow ? 'Sí, salió esta mañana.' : 'Yes, it left this morning.';

  test(`${user.name} links a sandbox session, gets a message and answers it, all in the dashboard (${user.viewport.width} px)`, async ({
    browser,
  }, testInfo) => {
    expect(sessionName.length).toBe(narrow ? 100 : 4);
    const context = await browser.newContext({
      baseURL: testInfo.project.use.baseURL,
      viewport: user.viewport,
    });
    const page = await context.newPage();
    const check = (where: string) => (narrow ? expectNoSidewaysScroll(page, where) : Promise.resolve());

    await page.goto('/');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await check('overview');

    await goTo(page, 'Sessions', narrow);
    await expect(page.getByRole('heading', { name: 'No sessions yet' })).toBeVisible();
    await check('empty sessions');
    await page.getByRole('button', { name: 'Add session' }).click();
    const add = page.getByRole('dialog', { name: 'Add a session' });
    await expect(add.getByLabel('Name')).toBeFocused();
    await add.getByLabel('Name').fill(sessionName);
    // WhatsApp Web is off on this server: the sandbox is the one on offer.
    await expect(add.getByRole('radio', { name: /Sandbox/ })).toBeChecked();
    await check('add session');
    await add.getByRole('button', { name: 'Add and start' }).click();

    const link = page.getByRole('dialog', { name: `Link ${sessionName}` });
    await expect(link.getByRole('img', { name: /QR code/ })).toBeVisible();
    await check('QR dialog');
    const number = link.getByLabel('Virtual phone number');
    await expect(number).toHaveValue(/^\+49 1512 \d{7}$/);
    await number.fill(linkedAs);
    await link.getByRole('button', { name: 'Scan with a virtual phone' }).scrollIntoViewIfNeeded();
    await link.getByRole('button', { name: 'Scan with a virtual phone' }).click();
    await expect(link).toBeHidden();
    // Phone numbers in sentences are isolated left to right, so only their digits are matched here.
    await expect(page.getByText(/is connected as/)).toContainText(linkedAs);

    await page.getByRole('link', { name: sessionName }).first().click();
    await expect(page.getByRole('heading', { name: sessionName, level: 1 })).toBeVisible();
    await check('session screen');
    const phones = page.getByRole('region', { name: 'Virtual phones' });
    await phones.getByLabel('From the virtual phone').fill(customer);
    await phones.getByLabel('Message').fill(question);
    await phones.getByRole('button', { name: 'Send to the account' }).click();
    await expect(page.getByText(/wrote to/)).toContainText(customer);
    await check('session screen, message sent');
    if (!narrow) await shoot(page, 'virtual-phone-session', { dark: true, narrowest: true });

    await goTo(page, 'Inbox', narrow);
    await page
      .getByTestId('conversation')
      .filter({ hasText: question.slice(0, 28) })
      .click();
    const thread = page.getByTestId('thread');
    const asked = thread.getByTestId('bubble').filter({ hasText: question.slice(0, 28) });
    await expect(asked).toBeVisible();
    if (narrow) {
      await asked.getByRole('button', { name: 'Show more' }).click();
      await expect(asked.getByRole('button', { name: 'Show less' })).toBeVisible();
    }
    await thread.getByLabel('Reply').fill(answer);
    await thread.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(thread.getByTestId('bubble').filter({ hasText: answer })).toBeVisible();
    await check('inbox thread');

    // The answer reached the customer's virtual phone.
    await goTo(page, 'Sessions', narrow);
    await page.getByRole('link', { name: sessionName }).first().click();
    const received = page.getByTestId('virtual-phone').filter({ hasText: customer });
    await received.getByRole('button').click();
    await expect(received.getByText(answer)).toBeVisible();
    await expect(received).toContainText(linkedAs);
    await check('virtual phones');
    if (narrow) {
      for (const screen of ['Messages', 'Campaigns', 'API keys', 'Overview']) {
        await goTo(page, screen, narrow);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await check(screen);
      }
    }
    await context.close();
  });
}
