/**
 * The popup in a real Chromium with the production build: typing and pasting codes and whole
 * bounces, .eml files by picker and by drop, the copy buttons, keyboard-only use, axe-core.
 * Verdict contents come from the real classifier and knowledge base.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_CORPUS, needShared } from '../shared-data';
import { ROOT, launch, openExtensionPage, runAxe, screenshots, type Extension } from './harness';

/** The popup tests that open bounces from the corpus run only with it (test/shared-data.ts). */
const NO_CORPUS = needShared('corpus', 'the popup tests that open corpus bounces');
const corpus = (name: string) => join(SHARED_CORPUS, 'bsd', name);

let ext: Extension;
beforeAll(async () => {
  ext = await launch();
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});
afterAll(async () => {
  await ext?.close();
});

async function openPopup(): Promise<Page> {
  const page = await openExtensionPage(ext, 'popup.html');
  await page.getByTestId('query').waitFor();
  return page;
}

const cards = (page: Page) => page.getByTestId('verdict');
const attrs = (page: Page, name: string) =>
  cards(page).evaluateAll((els, attr) => els.map((el) => el.getAttribute(attr)), name);

describe('popup: looking up codes', () => {
  it('explains 550 5.1.1 as an address to suppress', async () => {
    const page = await openPopup();
    await page.getByTestId('query').fill('550 5.1.1');
    await cards(page).first().waitFor();
    const card = cards(page).first();
    expect(await card.getAttribute('data-suppress')).toBe('true');
    expect(await card.getAttribute('data-permanent')).toBe('true');
    expect(await card.getAttribute('data-status')).toBe('5.1.1');
    expect(await card.getAttribute('data-reply')).toBe('550');
    expect((await card.locator('ol li').count()) > 0).toBe(true);
    await screenshots(page, 'popup-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshots(page, 'popup-dark');
    expect(await runAxe(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await runAxe(page)).toEqual([]);
    await page.close();
  });

  it('explains 5.7.26 as a policy failure: do not suppress', async () => {
    const page = await openPopup();
    await page.getByTestId('query').fill('5.7.26');
    await cards(page).first().waitFor();
    expect(await attrs(page, 'data-suppress')).toEqual(expect.arrayContaining(['false']));
    expect(await attrs(page, 'data-suppress')).not.toContain('true');
    // Nothing to suppress: no greyed-out button that does not say why.
    expect(await page.getByRole('button', { name: /addresses to suppress/ }).count()).toBe(0);
    await screenshots(page, 'popup-policy');
    await page.close();
  });

  it.each(['S3150', 'TSS04'])('explains the provider token %s', async (token) => {
    const page = await openPopup();
    await page.getByTestId('query').fill(token);
    await cards(page).first().waitFor();
    expect(await cards(page).first().textContent()).toContain(token);
    await page.close();
  });

  it('says plainly when it finds nothing to explain, with no empty card', async () => {
    const page = await openPopup();
    await screenshots(page, 'popup-idle');
    await page.getByTestId('query').fill('hello, is this thing on?');
    const message = page.getByTestId('message');
    await message.waitFor();
    expect((await message.textContent())!.length).toBeGreaterThan(20);
    expect(await cards(page).count()).toBe(0);
    expect(await page.getByRole('status').first().textContent()).toBe(await message.textContent());
    await page.close();
  });
});

describe('popup: whole bounces', () => {
  it.skipIf(NO_CORPUS)('classifies a pasted bounce and shows its evidence', async () => {
    const page = await openPopup();
    await page.getByTestId('query').fill(readFileSync(corpus('rhost-google-02.eml'), 'utf8'));
    await cards(page).first().waitFor();
    const card = cards(page).first();
    expect(await card.getAttribute('data-status')).toBe('5.1.1');
    expect(await card.getAttribute('data-reason')).toBe('userunknown');
    expect(await card.getAttribute('data-suppress')).toBe('true');
    const evidence = card.locator('details');
    expect(await evidence.getAttribute('open')).toBeNull();
    await evidence.locator('summary').click();
    expect(await evidence.locator('code').count()).toBeGreaterThan(0);
    await screenshots(page, 'popup-bounce');
    expect(await runAxe(page)).toEqual([]);
    await page.close();
  });

  it.skipIf(NO_CORPUS)('reads an .eml file chosen with the file picker', async () => {
    const page = await openPopup();
    await page.locator('input[type=file]').setInputFiles(corpus('rhost-google-03.eml'));
    await cards(page).first().waitFor();
    expect(await attrs(page, 'data-status')).toEqual(['5.7.26']);
    expect(await attrs(page, 'data-suppress')).toEqual(['false']);
    expect(await page.getByTestId('drop-zone').textContent()).toContain('rhost-google-03.eml');
    await page.close();
  });

  it('reads an .eml file with 8-bit UTF-8 text byte for byte', async () => {
    // Chromium's TextDecoder('latin1') is windows-1252: UTF-8 bytes 0x80 to 0x9F must survive it.
    const words = 'l’adresse n’existe pas — 宛先不明…';
    const raw = [
      'From: MAILER-DAEMON@mx.example.net',
      'To: sender@example.org',
      'Subject: Undelivered Mail Returned to Sender',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `<dead@example.fr>: host mx.example.fr said: 550 5.1.1 ${words}`,
      '',
    ].join('\n');
    const page = await openPopup();
    await page.locator('input[type=file]').setInputFiles({ name: 'utf8.eml', mimeType: 'message/rfc822', buffer: Buffer.from(raw, 'utf8') });
    await cards(page).first().waitFor();
    expect(await attrs(page, 'data-status')).toEqual(['5.1.1']);
    await cards(page).first().locator('details.bi-evidence summary').click();
    expect(await cards(page).first().locator('details.bi-evidence').textContent()).toContain(words);
    await page.close();
  });

  it('reads Japanese (ISO-2022-JP) bounces right one after another, even after one cut off mid-line', async () => {
    // Chromium's ISO-2022-JP decoder keeps its state between calls; the classifier must not.
    const page = await openPopup();
    const charset = (name: string) => join(ROOT, 'test/fixtures/charset', name);
    await page.locator('input[type=file]').setInputFiles(charset('truncated-iso-2022-jp.eml'));
    await page.getByTestId('drop-zone').getByText('truncated-iso-2022-jp.eml').waitFor();
    await page.locator('input[type=file]').setInputFiles(charset('iso-2022-jp-subject.eml'));
    await page.getByTestId('drop-zone').getByText('iso-2022-jp-subject.eml').waitFor();
    expect(await attrs(page, 'data-status')).toEqual(['5.1.1']);
    expect(await attrs(page, 'data-reason')).toEqual(['userunknown']);
    await cards(page).first().locator('details.bi-evidence summary').click();
    expect(await cards(page).first().locator('details.bi-evidence').textContent()).toContain('この宛先は存在しません');
    await page.getByRole('button', { name: 'Copy ticket note' }).click();
    await page.getByText('Ticket note copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Bounced message: ニャーン');
    await page.close();
  });

  it('gives a clear message, not an empty card, for a file it cannot read', async () => {
    const page = await openPopup();
    const png = readFileSync(join(ROOT, 'public/icon/128.png'));
    await page.locator('input[type=file]').setInputFiles({ name: 'photo.eml', mimeType: 'message/rfc822', buffer: png });
    await page.getByTestId('message').waitFor();
    expect(await cards(page).count()).toBe(0);
    const text = await page.getByTestId('message').textContent();
    expect(text).toContain('photo.eml is a PNG image, which Bounce Inspector cannot read');
    expect(text).toContain('Show original, then Download original');
    await page.close();
  });

  it('says an Outlook .msg file cannot be read, and how to get one that can', async () => {
    const page = await openPopup();
    const msg = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]);
    await page.locator('input[type=file]').setInputFiles({ name: 'Undeliverable.msg', mimeType: 'application/vnd.ms-outlook', buffer: msg });
    await page.getByTestId('message').waitFor();
    expect(await cards(page).count()).toBe(0);
    const text = await page.getByTestId('message').textContent();
    expect(text).toContain('Undeliverable.msg is an Outlook message file (.msg), which Bounce Inspector cannot read');
    expect(text).toContain('View message source');
    expect(text).not.toContain('does not look like a bounce');
    await page.close();
  });

  it('offers .txt and .mbox files in the picker as well as .eml', async () => {
    const page = await openPopup();
    const accept = (await page.locator('input[type=file]').getAttribute('accept'))!.split(',');
    expect(accept).toEqual(expect.arrayContaining(['.eml', '.txt', '.mbox']));
    await page.close();
  });

  it.skipIf(NO_CORPUS)('reads an .eml file dragged onto the text box, and still takes dragged text', async () => {
    const page = await openPopup();
    // A real drag through Chromium's input pipeline: the drop only happens if the page accepts
    // the dragover, as a user's drag from the file manager would need.
    const cdp = await page.context().newCDPSession(page);
    const box = (await page.getByTestId('query').boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const drag = async (data: { items: { mimeType: string; data: string }[]; files?: string[] }) => {
      for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
        await cdp.send('Input.dispatchDragEvent', { type, ...at, data: { ...data, dragOperationsMask: 1 } });
      }
    };
    await drag({ items: [], files: [corpus('rhost-google-03.eml')] });
    await cards(page).first().waitFor();
    expect(await attrs(page, 'data-status')).toEqual(['5.7.26']);
    expect(await page.getByTestId('drop-zone').textContent()).toContain('rhost-google-03.eml');
    expect(page.url()).toMatch(/popup\.html$/);
    expect(await page.getByTestId('query').inputValue()).toBe('');

    await drag({ items: [{ mimeType: 'text/plain', data: '550 5.1.1' }] });
    await page.waitForFunction(() => document.querySelector('[data-testid=verdict]')?.getAttribute('data-status') === '5.1.1');
    expect(await page.getByTestId('query').inputValue()).toBe('550 5.1.1');
    expect(await page.getByTestId('drop-zone').textContent()).not.toContain('rhost-google-03.eml');
    await page.close();
  });

  it.skipIf(NO_CORPUS)('sends a paste over 2 MB to the file picker, not to the command line', async () => {
    const page = await openPopup();
    const big = readFileSync(corpus('rhost-google-02.eml'), 'utf8') + 'x'.repeat(2.1 * 1024 * 1024);
    await page.getByTestId('query').fill(big);
    await page.getByTestId('message').waitFor();
    const text = await page.getByTestId('message').textContent();
    expect(text).toMatch(/^This text is 2\.\d\d MB, over the 2 MB limit for pasted text; files are read up to 25 MB\./);
    // It names the file button by the words on it.
    const button = (await page.locator('label[for="eml-file"]').textContent())!;
    expect(button).toBe('Choose a file');
    expect(text).toContain(`"${button}"`);
    expect(text).not.toContain('command line');
    await page.close();
  });

  it.skipIf(NO_CORPUS)('reads an .eml file dropped on the drop zone, one card per recipient', async () => {
    const page = await openPopup();
    const raw = readFileSync(corpus('lhost-postfix-13.eml'), 'latin1');
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.eml', { type: 'message/rfc822' }));
      return transfer;
    }, raw);
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
    await cards(page).nth(1).waitFor();
    expect(await attrs(page, 'data-reason')).toEqual(['userunknown', 'mailboxfull']);
    expect(await attrs(page, 'data-suppress')).toEqual(['true', 'false']);
    await page.close();
  });
});

describe('popup: copy buttons and keyboard', () => {
  it.skipIf(NO_CORPUS)('works with the keyboard alone and copies the note and the addresses', async () => {
    const page = await openPopup();
    // The text area has focus on open.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('query');
    await page.keyboard.insertText(readFileSync(corpus('lhost-postfix-13.eml'), 'latin1'));
    await cards(page).nth(1).waitFor();

    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const outline = getComputedStyle(el.matches('input[type=file]') ? el.nextElementSibling! : el).outlineStyle;
          return `${el.tagName.toLowerCase()}:${el.textContent?.trim() || el.getAttribute('type')}:${outline}`;
        }),
      );
    }
    expect(order).toEqual([
      'input:file:solid',
      'button:Copy ticket note:solid',
      'button:Copy addresses to suppress:solid',
      expect.stringMatching(/^summary:Evidence/),
    ]);

    await page.keyboard.press('Shift+Tab'); // back to "Copy addresses to suppress"
    await page.keyboard.press('Enter');
    await page.getByText('1 address copied.').waitFor();
    const addresses = await page.evaluate(() => navigator.clipboard.readText());
    const suppressed = await cards(page).evaluateAll((els) =>
      els.filter((el) => el.getAttribute('data-suppress') === 'true').map((el) => el.querySelector('h2')!.textContent),
    );
    expect(addresses).toBe(`${suppressed.join('\n')}\n`);

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await page.getByText('Ticket note copied.').waitFor();
    const note = await page.evaluate(() => navigator.clipboard.readText());
    // The other recipient is counted by what it comes to, as the summary line above the cards does.
    expect(note).toMatch(/^Bounce summary: 2 recipients, 1 to suppress, 1 [a-z ]+\.\n/);
    for (const address of suppressed) expect(note).toContain(address);
    expect(note).toContain('Next steps:');
    await page.close();
  });
});
