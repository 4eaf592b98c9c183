import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { ADMIN, countLoads, cspViolations, decodeQr, desktopContext, shoot } from './support.ts';

/**
 * The operator's day, in order, against one real gateway: first run, sign-in, linking two sandbox accounts by
 * reading their QR codes off the screen, sending, unlinking, and what an operator may see.
 */
test.describe.configure({ mode: 'serial' });

const operator = { name: 'Otto Operator', email: 'otto@example.com', password: 'operator-pass-1' };
const desks = [
  { name: 'Sales desk', id: 'sales-desk', phone: '4915112340001' },
  { name: 'Support desk', id: 'support-desk', phone: '4915112340002' },
] as const;
const recipient = '14155550101';

let context: BrowserContext;
let page: Page;
let loads: () => number;
let refusedByPolicy: () => string[];

test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
  context = await desktopContext(browser, testInfo);
  page = await context.newPage();
  loads = countLoads(page);
  refusedByPolicy = cspViolations(page);
});

test.afterAll(async () => {
  await context?.close();
});

const card = (id: string) => page.locator(`[data-testid="session-card"][data-session-id="${id}"]`);
const badgeOf = (id: string) => card(id).getByTestId('status-badge');

async function signIn(email: string, password: string) {
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOut() {
  await page.getByRole('button', { name: 'Account menu', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
}

async function openSessions() {
  await page
    .getByRole('navigation', { name: 'Main' })
    .first()
    .getByRole('link', { name: 'Sessions' })
    .click();
  await expect(page.getByRole('heading', { name: 'Sessions', exact: true })).toBeVisible();
}

/** Scans the QR on screen with a virtual phone; a code that rotated away meanwhile is read again. */
async function scanQrOnScreen(phone: string): Promise<string> {
  const dialog = page.getByRole('dialog');
  for (let attempt = 0; attempt < 3; attempt++) {
    const qr = await decodeQr(dialog.getByRole('img', { name: 'QR code' }));
    const response = await page.request.post('/api/sandbox/scan', { data: { qr, phone } });
    if (response.ok()) return qr;
    expect(response.status(), await response.text()).toBe(410);
  }
  throw new Error('Could not scan a current QR code in three attempts');
}

test('first run: creates the admin account', async () => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Create the admin account', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Create admin account', exact: true }).click();
  await expect(page.getByText('Enter a name.')).toBeVisible();
  await shoot(page, '01-first-run-setup', { dark: true });

  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create admin account', exact: true }).click();

  // The Overview is the landing page; the sessions list is one click away.
  await expect(page.getByRole('heading', { name: 'Overview', exact: true })).toBeVisible();
  await openSessions();
  await expect(page.getByText('No sessions yet')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Users' }).first()).toBeVisible();
  await shoot(page, '02-sessions-empty', { dark: true });
});

test('sign-in: wrong password, rate limit with the wait time, sign out and in', async () => {
  await signOut();
  await signIn(ADMIN.email, 'not the password');
  await expect(page.getByRole('alert')).toContainText('Wrong email or password');

  // Five failures lock the account for a while; the form says for how long and waits.
  for (let i = 0; i < 5; i++) {
    const answered = page.waitForResponse((r) => r.url().includes('auth.login'));
    await signIn('nobody@example.com', `guess-${i}`);
    await answered;
  }
  await signIn('nobody@example.com', 'guess-5');
  await expect(page.getByRole('alert')).toContainText('Too many sign-in attempts.');
  await expect(page.getByRole('alert')).toContainText(/You can try again in \d+:\d\d\./);
  // One form of the wait, not seconds beside a countdown.
  await expect(page.getByRole('alert')).not.toContainText(/\d+ s\b/);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeDisabled();
  await shoot(page, '03-sign-in-rate-limited');

  await signIn(ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Overview', exact: true })).toBeVisible();
  await openSessions();
});

test('adds two sandbox sessions and links each by scanning its QR code off the screen', async () => {
  const loadsBefore = loads();
  for (const [index, desk] of desks.entries()) {
    await page.getByRole('button', { name: 'Add session', exact: true }).click();
    const add = page.getByRole('dialog', { name: 'Add a session' });
    await add.getByLabel('Name').fill(desk.name);
    await expect(add.getByLabel('Session id')).toHaveValue(desk.id);
    await add.getByRole('radio', { name: /Sandbox/ }).check();
    await expect(add.getByRole('radio', { name: /Sandbox/ })).toBeChecked();
    await expect(add.getByRole('radio', { name: /WhatsApp Web/ })).toBeDisabled();
    await expect(add.getByText('Not available on this server.')).toBeVisible();
    if (index === 0) await shoot(page, '04-add-session', { fullPage: false });
    await add.getByRole('button', { name: 'Add and start', exact: true }).click();

    const qrDialog = page.getByRole('dialog', { name: `Link ${desk.name}` });
    await expect(qrDialog).toBeVisible();
    const image = qrDialog.getByRole('img', { name: 'QR code' });
    await expect(image).toBeVisible();
    await expect(qrDialog).toContainText('WhatsApp → Linked devices → Link a device');
    await expect(qrDialog).toContainText(/New code in 0:0\d/);

    if (index === 0) {
      await shoot(page, '05-qr-dialog', { dark: true, fullPage: false, narrowest: true });
      // The code rotates: the new one replaces the old on screen.
      const first = await decodeQr(image);
      await expect
        .poll(async () => decodeQr(image).catch(() => first), { timeout: 10_000, intervals: [250] })
        .not.toBe(first);
    }

    await scanQrOnScreen(desk.phone);
    await expect(qrDialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `${desk.name} is connected` })).toBeVisible();
    await expect(badgeOf(desk.id)).toHaveText('Connected');
    await expect(badgeOf(desk.id)).toHaveAttribute('data-status', 'connected');
    await expect(card(desk.id)).toContainText(`+49 1511 2340${desk.phone.slice(-3)}`);
  }
  expect(loads(), 'the page never reloaded').toBe(loadsBefore);
  await expect(page.getByTestId('counter-total')).toHaveText('2');
  await expect(page.getByTestId('counter-connected')).toHaveText('2');
  await expect(page.getByTestId('counter-needs-attention')).toHaveText('0');
  await shoot(page, '06-sessions-connected', { dark: true, narrowest: true });
});

test('session detail shows its data and its timeline, which the server keeps', async () => {
  await card(desks[0].id).getByRole('link', { name: desks[0].name }).click();
  await expect(page.getByRole('heading', { name: desks[0].name, exact: true })).toBeVisible();
  const events = page.getByRole('list', { name: 'Timeline, newest first' });
  await expect(events).toContainText('Connected');
  await expect(events).toContainText('New QR code');
  await expect(events).toContainText('Waiting for scan');
  // Recorded before this page opened, and still there after a reload.
  await page.reload();
  await expect(events.getByTestId('history-entry').first()).toHaveAttribute('data-type', 'status');
  await expect(events).toContainText('Authenticating');
  await expect(page.getByText('Rafael Rodrigues')).toBeVisible();
  await shoot(page, '07-session-detail', { dark: true });
  await page.getByRole('link', { name: 'All sessions' }).click();
  await expect(page.getByRole('heading', { name: 'Sessions', exact: true })).toBeVisible();
});

test('sends a message from the second session and follows it to "read"', async () => {
  const [, second] = desks;
  await page
    .getByRole('navigation', { name: 'Main' })
    .first()
    .getByRole('link', { name: 'Messages' })
    .click();
  await expect(page.getByRole('heading', { name: 'Messages', exact: true })).toBeVisible();

  await page.getByRole('combobox', { name: 'Send from' }).selectOption(second.id);
  const to = page.getByRole('textbox', { name: 'To' });
  await to.fill('12');
  await to.blur();
  await expect(page.getByText(/Too short/)).toBeVisible();
  await to.fill(`+${recipient}`);
  await expect(page.getByText('+1 415 555 0101 · United States')).toBeVisible();

  const text = `Hello from ${second.name} ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await expect(page.getByTestId('char-count')).toContainText(`${text.length} / 4096`);
  await page.getByRole('button', { name: 'Send message', exact: true }).click();

  const row = page.getByTestId('message').filter({ hasText: text });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('message-status')).toHaveAttribute('data-status', 'read', { timeout: 15_000 });
  await expect(row.getByTestId('message-status')).toHaveText('Read');

  // The virtual phone got it from the second session's number.
  const inbox = await page.request.get(`/api/sandbox/phones/${recipient}/messages`);
  expect(inbox.ok()).toBe(true);
  const received = (await inbox.json()) as Array<{ from: string; text: string }>;
  expect(received).toContainEqual(expect.objectContaining({ from: second.phone, text }));

  // A number that is not on WhatsApp: the message fails, and says why.
  await to.fill('+49 151 99999999');
  const doomed = `Anyone there? ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Message' }).fill(doomed);
  await page.getByRole('button', { name: 'Send message', exact: true }).click();
  const failed = page.getByTestId('message').filter({ hasText: doomed });
  await expect(failed.getByTestId('message-status')).toHaveAttribute('data-status', 'failed');
  await expect(failed.getByTestId('message-error')).toContainText('not on WhatsApp');

  await shoot(page, '08-messages', { dark: true, narrowest: true });

  // The choice is remembered.
  expect(await page.evaluate("localStorage.getItem('switchboard.messages.lastSession')")).toBe(second.id);
  await page
    .getByRole('navigation', { name: 'Main' })
    .first()
    .getByRole('link', { name: 'Sessions' })
    .click();
  await page.goto('/messages');
  await expect(page.getByRole('combobox', { name: 'Send from' })).toHaveValue(second.id);
});

test('logging a session out of WhatsApp shows logged_out', async () => {
  const [first] = desks;
  await page.goto('/sessions');
  await card(first.id).getByRole('button', { name: 'Log out', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: `Log out ${first.name}?` });
  await expect(confirm).toContainText('scan a new QR code');
  await shoot(page, '09-confirm-logout', { fullPage: false });
  await confirm.getByRole('button', { name: 'Log out', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(badgeOf(first.id)).toHaveAttribute('data-status', 'logged_out');
  await expect(badgeOf(first.id)).toHaveText('Logged out');
  await expect(card(first.id).getByRole('button', { name: 'Start', exact: true })).toBeEnabled();
  await expect(card(first.id).getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  await expect(card(first.id).getByRole('button', { name: 'Log out', exact: true })).toBeDisabled();
  await expect(page.getByTestId('counter-needs-attention')).toHaveText('1');

  // Starting it again needs a new scan: the QR dialog opens by itself.
  await card(first.id).getByRole('button', { name: 'Start', exact: true }).click();
  const qrDialog = page.getByRole('dialog', { name: `Link ${first.name}` });
  await expect(qrDialog.getByRole('img', { name: 'QR code' })).toBeVisible();
  await scanQrOnScreen(first.phone);
  await expect(qrDialog).toBeHidden();
  await expect(badgeOf(first.id)).toHaveAttribute('data-status', 'connected');
});

test('an operator cannot see the admin’s sessions', async () => {
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add user', exact: true }).click();
  const add = page.getByRole('dialog', { name: 'Add a user' });
  await add.getByLabel('Name').fill(operator.name);
  await add.getByLabel('Email').fill(operator.email);
  await add.getByLabel('Password').fill(operator.password);
  await expect(add.getByRole('radio', { name: /Operator/ })).toBeChecked();
  await add.getByRole('button', { name: 'Create user', exact: true }).click();
  await expect(add).toBeHidden();
  await expect(page.getByTestId('user-row').filter({ hasText: operator.email })).toContainText('Operator');
  await shoot(page, '13-users', { dark: true });

  await signOut();
  await signIn(operator.email, operator.password);
  // The operator's Overview knows none of the admin's accounts.
  await expect(page.getByRole('heading', { name: 'Overview', exact: true })).toBeVisible();
  await expect(page.getByText('No messages yet')).toBeVisible();
  for (const desk of desks) await expect(page.getByText(desk.name)).toHaveCount(0);
  await openSessions();
  await expect(page.getByText('No sessions yet')).toBeVisible();
  for (const desk of desks) await expect(page.getByText(desk.name)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);

  await page.goto(`/sessions/${desks[1].id}`);
  await expect(page.getByText('Session not found')).toBeVisible();
  await expect(page.getByText(`Session ${desks[1].id} not found`)).toBeVisible();
  await page.goto('/messages');
  await expect(page.getByText('No session to send from')).toBeVisible();
  await shoot(page, '14-operator-messages-empty', { phone: true });
});

test('an operator whose password an admin resets is signed out at once', async ({ browser }, testInfo) => {
  // The operator is still signed in on `page`; an admin works from another browser.
  await expect(page.getByRole('heading', { name: 'Messages', exact: true })).toBeVisible();
  const adminContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  try {
    const api = adminContext.request;
    expect(
      (await api.post('/trpc/auth.login', { data: { email: ADMIN.email, password: ADMIN.password } })).ok(),
    ).toBe(true);
    const users = (await (await api.get('/trpc/users.list')).json()) as {
      result: { data: Array<{ id: string; email: string }> };
    };
    const otto = users.result.data.find((u) => u.email === operator.email);
    expect(otto).toBeDefined();
    const reset = await api.post('/trpc/users.update', {
      data: { id: otto?.id, password: 'a-brand-new-pass' },
    });
    expect(reset.ok(), await reset.text()).toBe(true);
    // The server closes the operator's live connection at once; the dashboard finds the sign-in gone.
    await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByText('No sessions yet')).toHaveCount(0);
  } finally {
    await adminContext.close();
  }
});

test('the whole day ran under the dashboard’s Content-Security-Policy, and no source map is served', async () => {
  expect(refusedByPolicy()).toEqual([]);
  const index = await page.request.get('/');
  expect(index.headers()['content-security-policy']).toContain("script-src 'self'");
  const script = /<script[^>]+src="([^"]+)"/.exec(await index.text())?.[1];
  expect(script).toBeDefined();
  const code = await (await page.request.get(script ?? '')).text();
  expect(code).not.toContain('sourceMappingURL');
});
