import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import {
  desktopContext,
  linkSandboxDesk,
  picture,
  sha256,
  shoot,
  signInAsAdmin,
  trpcMutation,
} from './support.ts';

/**
 * A campaign whose message carries a photo, against the shared gateway: the photo is attached in the message
 * step (uploaded like a reply's), previewed with each filled-in caption, listed at review, shown on the
 * campaign screen, and arrives at every virtual phone as a photo with its caption. Self-contained: it signs
 * in as the admin and links an account of its own; the draft's audience and pacing are set through the API.
 * Named to run after dashboard.spec.ts, whose first test creates the admin in the first-run form.
 */
test.describe.configure({ mode: 'serial' });

const desk = { name: 'Menu desk', id: 'menu-desk', phone: '4915112340044' };
const people = [
  { phone: '14155550401', name: 'Rosa' },
  { phone: '14155550402', name: 'Nils' },
  { phone: '14155550403', name: 'Ines' },
];

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }, testInfo) => {
  context = await desktopContext(browser, testInfo);
  page = await context.newPage();
  await signInAsAdmin(context.request);
  await linkSandboxDesk(context.request, desk);
});

test.afterAll(async () => {
  await context?.close();
});

test('a photo attached to a campaign is previewed with each caption and reaches every phone as a photo', async () => {
  const request = context.request;
  const draft = await trpcMutation<{ id: string }>(request, 'campaigns.create', {
    name: 'New menu',
    sessionId: desk.id,
    pacing: { minGapSeconds: 0.5, maxGapSeconds: 1.5, batchSize: 0, window: null },
  });
  await trpcMutation(request, 'campaigns.addAudience', {
    id: draft.id,
    source: {
      type: 'csv',
      csv: ['phone,name', ...people.map((p) => `+${p.phone},${p.name}`)].join('\n'),
      phoneColumn: 'phone',
    },
  });

  await page.goto(`/campaigns/${draft.id}/edit?step=message`);
  await page.getByLabel('Wording', { exact: true }).fill('Hi {{name}}, our new menu is out!');
  const photo = picture(960, 640, 20);
  await page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'menu.png', mimeType: 'image/png', buffer: photo });
  await expect(page.getByTestId('campaign-file-name')).toContainText('Photo · menu.png');
  const preview = page.getByTestId('preview-variant').first();
  await expect(preview).toContainText('Hi Rosa, our new menu is out!');
  const shown = preview.getByTestId('message-image');
  await expect.poll(() => shown.evaluate((img) => (img as { naturalWidth: number }).naturalWidth)).toBe(960);
  await shoot(page, 'campaign-message-photo', { phone: false });
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Pacing as set through the API; then the review lists the file.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByTestId('review-file')).toContainText('with the wording as its caption');
  await shoot(page, 'campaign-review-photo', { phone: false });
  await page.getByRole('button', { name: 'Start now' }).click();

  await expect(page.getByRole('heading', { name: 'New menu' })).toBeVisible();
  await expect(page.getByTestId('campaign-file').getByTestId('message-image')).toBeVisible();
  await expect(page.getByTestId('campaign-status')).toHaveAttribute('data-status', 'completed', {
    timeout: 40_000,
  });
  await shoot(page, 'campaign-completed-photo', { phone: true });

  // Each virtual phone got the very same photo once, captioned for it.
  for (const p of people) {
    const response = await request.get(`/api/sandbox/phones/${p.phone}/messages`);
    const got = (await response.json()) as Array<{ type: string; text: string; media?: { sha256: string } }>;
    expect(got, p.name).toEqual([
      expect.objectContaining({
        type: 'image',
        text: `Hi ${p.name}, our new menu is out!`,
        media: expect.objectContaining({ sha256: sha256(photo) }),
      }),
    ]);
  }
});
