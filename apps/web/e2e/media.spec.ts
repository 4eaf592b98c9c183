import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { ELF, oggOpus, PDF } from '../../../packages/core/src/media/test-files.ts';
import {
  cspViolations,
  desktopContext,
  linkSandboxDesk,
  picture,
  sha256,
  shoot,
  signInAsAdmin,
} from './support.ts';

/**
 * Media in the dashboard against the shared gateway: received photos, voice notes, documents and places in
 * a thread; attaching a photo to a reply (picker, with its preview and upload progress) and sharing a place
 * from it; pasting a photo into the compose form. Self-contained: it signs in as the admin and links an
 * account of its own.
 */
test.describe.configure({ mode: 'serial' });

const desk = { name: 'Media desk', id: 'media-desk', phone: '4915112340088' };
const customer = '14155550188';

let context: BrowserContext;
let page: Page;
let refusedByPolicy: () => string[];

const inbound = async (body: object) => {
  const response = await context.request.post('/api/sandbox/inbound', {
    data: { from: customer, to: desk.phone, ...body },
  });
  expect(response.ok(), await response.text()).toBe(true);
};

test.beforeAll(async ({ browser }, testInfo) => {
  context = await desktopContext(browser, testInfo);
  page = await context.newPage();
  refusedByPolicy = cspViolations(page);
  const request = context.request;
  await signInAsAdmin(request);
  await linkSandboxDesk(request, desk);
});

test.afterAll(async () => {
  await context?.close();
});

test('received photos, voice notes, documents and places show in the thread; the voice note plays', async () => {
  await inbound({
    text: 'Hi! Is this still available?',
    media: { type: 'image', data: picture(720, 480, 40).toString('base64') },
  });
  await inbound({ media: { type: 'voice', data: oggOpus(4).toString('base64') } });
  await inbound({
    text: 'The form, signed',
    media: { type: 'document', data: PDF.toString('base64'), filename: 'Order form.pdf' },
  });
  await inbound({
    location: {
      latitude: 52.5219,
      longitude: 13.4132,
      name: 'Pick-up point',
      address: 'Alexanderplatz 1, Berlin',
    },
  });

  await page.goto('/inbox');
  const row = page.getByTestId('conversation').filter({ hasText: 'Location' });
  await expect(row).toBeVisible();
  await row.click();
  const thread = page.getByTestId('thread');

  const photo = thread.getByTestId('message-image').first();
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img) => img.naturalWidth)).toBe(720);

  const voice = thread.getByTestId('voice-note');
  await expect(voice).toBeVisible();
  await expect.poll(() => voice.evaluate((audio) => audio.duration), { timeout: 15_000 }).toBeCloseTo(4, 0);
  await voice.evaluate((audio) => audio.play());
  await expect.poll(() => voice.evaluate((audio) => audio.currentTime)).toBeGreaterThan(0);
  await voice.evaluate((audio) => audio.pause());

  const documentChip = thread.getByTestId('document-chip');
  await expect(documentChip).toContainText('Order form.pdf');
  await expect(documentChip).toContainText('PDF');
  await expect(thread.getByTestId('location')).toHaveAttribute(
    'href',
    /openstreetmap\.org\/\?mlat=52\.5219&mlon=13\.4132/,
  );
  await shoot(page, 'media-01-thread', { dark: true });

  await photo.click();
  const lightbox = page.getByRole('dialog');
  await expect(lightbox.getByRole('img')).toBeVisible();
  await shoot(page, 'media-02-lightbox', { phone: false });
  await page.keyboard.press('Escape');
  await expect(lightbox).toHaveCount(0);
});

test('a photo attached to a reply shows its preview and upload progress, then arrives as a photo', async () => {
  const thread = page.getByTestId('thread');
  const photo = picture(1200, 800, 140);
  // A slow uplink, so the upload's progress can be watched.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 400 * 1024,
  });
  await thread
    .getByTestId('attach-input')
    .setInputFiles({ name: 'showroom.png', mimeType: 'image/png', buffer: photo });
  const attachment = thread.getByTestId('attachment');
  await expect(attachment.getByTestId('attachment-preview-image')).toBeVisible();
  const progress = attachment.getByRole('progressbar');
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  await shoot(page, 'media-03-uploading', { phone: false });
  await expect(attachment).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });

  await thread.getByLabel('Caption').fill('Our showroom, as promised');
  await shoot(page, 'media-04-ready', { phone: false });
  await thread.getByRole('button', { name: 'Send', exact: true }).click();

  const bubble = thread.getByTestId('bubble').filter({ hasText: 'Our showroom, as promised' });
  await expect(bubble).toHaveAttribute('data-direction', 'out');
  const sent = bubble.getByTestId('message-image');
  await expect(sent).toBeVisible();
  await expect.poll(() => sent.evaluate((img) => img.naturalWidth)).toBe(1200);
  await expect(thread.getByTestId('attachment')).toHaveCount(0);

  // The phone got the very same bytes.
  await expect
    .poll(async () => {
      const received = await context.request.get(`/api/sandbox/phones/${customer}/messages`);
      const list = (await received.json()) as { type: string; text: string; media?: { sha256: string } }[];
      return list.find((m) => m.text === 'Our showroom, as promised')?.media?.sha256;
    })
    .toBe(sha256(photo));
  await shoot(page, 'media-05-sent', { dark: true });
});

test('a place shared from the reply box is checked, then arrives as a location with its name', async () => {
  const thread = page.getByTestId('thread');
  await thread.getByRole('button', { name: 'Share a location' }).click();
  const place = thread.getByTestId('place');
  await expect(place).toBeVisible();
  // Coordinates written the wrong way round for a latitude are refused in words, and nothing is sent.
  await place.getByLabel('Coordinates').fill('152.5, 13.4');
  await thread.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(place.getByText('The latitude (the first number) must be between -90 and 90.')).toBeVisible();

  await place.getByLabel('Coordinates').fill('52.5208, 13.4094');
  await expect(place.getByRole('link', { name: 'Check it on the map' })).toHaveAttribute(
    'href',
    /mlat=52\.5208&mlon=13\.4094/,
  );
  await place.getByLabel('Name').fill('Showroom');
  await place.getByLabel('Address').fill('Rathausstraße 5, Berlin');
  await thread.getByLabel('Message sent after the place').fill('Open until 6 pm');
  await shoot(page, 'media-06-place', { phone: false });
  await thread.getByRole('button', { name: 'Send', exact: true }).click();

  const card = thread.getByTestId('location').filter({ hasText: 'Showroom' });
  await expect(card).toContainText('Rathausstraße 5, Berlin');
  await expect(thread.getByTestId('bubble').filter({ hasText: 'Open until 6 pm' })).toBeVisible();
  await expect(thread.getByTestId('place')).toHaveCount(0);
  await expect
    .poll(async () => {
      const received = await context.request.get(`/api/sandbox/phones/${customer}/messages`);
      const list = (await received.json()) as { type: string; location?: { name?: string } }[];
      return list.filter((m) => m.type === 'location').map((m) => m.location?.name);
    })
    .toEqual(['Showroom']);
});

test('a picture pasted into the compose form is previewed; a wrong file is refused in words', async () => {
  await page.goto('/messages');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Send message' }) });
  await expect(form).toBeVisible();
  await form.getByLabel('Send from').selectOption(desk.id);
  const pasted = picture(480, 320, 200).toString('base64');
  await form.getByLabel('Message', { exact: true }).focus();
  await page.evaluate(`(() => {
    const bytes = Uint8Array.from(atob('${pasted}'), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'clipboard.png', { type: 'image/png' }));
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
  const attachment = form.getByTestId('attachment');
  await expect(attachment.getByTestId('attachment-preview-image')).toBeVisible();
  await expect(attachment).toHaveAttribute('data-status', 'ready');
  await expect(form.getByLabel('Caption')).toBeVisible();
  await form.getByRole('radio', { name: 'Document' }).check({ force: true });
  await expect(form.getByLabel('Message (sent after the file)')).toHaveCount(0);
  await shoot(page, 'media-07-compose', { dark: true });

  // A program named like a photo: the server reads its bytes and says what it is.
  await form.getByRole('button', { name: `Remove clipboard.png` }).click();
  await form
    .getByTestId('attach-input')
    .setInputFiles({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: ELF });
  await expect(form.getByTestId('attachment')).toHaveAttribute('data-status', 'failed');
  await expect(form.getByTestId('attachment').getByRole('alert')).toContainText(
    'which cannot be sent as an image',
  );
  await shoot(page, 'media-08-refused', { phone: false });
  // Previews, photos, players and the lightbox all ran under the dashboard's Content-Security-Policy.
  expect(refusedByPolicy()).toEqual([]);
});

test('the compose form shares a place instead of a file, and the message list shows it', async () => {
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Send message' }) });
  await form.getByRole('button', { name: 'Remove holiday.jpg' }).click();
  await form.getByLabel('To').fill(`+${customer}`);
  await form.getByRole('button', { name: 'Share a location' }).click();
  // A message carries a file or a place, not both.
  await expect(form.getByRole('button', { name: 'Attach a file' })).toBeDisabled();
  const place = form.getByTestId('place');
  await place.getByLabel('Coordinates').fill('48.1374 11.5755');
  await place.getByLabel('Name').fill('Munich pick-up');
  await expect(form.getByLabel('Message (sent after the place)')).toBeVisible();
  await shoot(page, 'media-09-compose-place', { phone: true });
  await form.getByRole('button', { name: 'Send message' }).click();

  const sent = page.getByTestId('location').filter({ hasText: 'Munich pick-up' });
  await expect(sent).toHaveAttribute('href', /mlat=48\.1374&mlon=11\.5755/);
  await expect(form.getByTestId('place')).toHaveCount(0);
  expect(refusedByPolicy()).toEqual([]);
});
