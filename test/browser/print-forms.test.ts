import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// The owner edits the invoice's print form on a portrait tablet: the live preview (the PDFs the page
// receives, read back with pdftotext) follows the text, a broken template is refused with its line
// in the owner's language and nothing is kept, and the form goes back to the default.

const DEFAULT_INVOICE = fs.readFileSync(path.resolve('server/print-forms/defaults/invoice.liquid'), 'utf8');
let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
/** The text of each preview PDF the page was sent, in order. */
const previews: string[] = [];

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 10 });
  session = await openBackOffice({ device: { viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'en-GB' }, timeoutMs: 20_000 });
  ({ page, office } = session);
  // Each preview passes through here on its way to the page, which shows it in its frame.
  await page.route('**/api/print-forms/preview', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    if (response.status() === 200) {
      const file = path.join(server.dir, `preview-${previews.length}.pdf`);
      fs.writeFileSync(file, body);
      previews.push(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '));
    }
    await route.fulfill({ response, body });
  });
  await office.open(server.url);
  await office.signIn('owner', 'owner-demo-pass');
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const template = () => page.locator('textarea[name=template]');
const latestPreview = () => previews.at(-1) ?? '';

describe('the print-form editor', () => {
  it('previews an edit as it is typed, saves it, refuses a broken one with its line, and resets', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Print forms', exact: true }).tap();
    await expect.poll(() => template().inputValue()).toBe(DEFAULT_INVOICE);
    await expect.poll(latestPreview).toContain('Invoice INV-000042');
    await expect.poll(() => page.getByTestId('form-preview').count()).toBe(1);
    expect(await page.getByTestId('form-state').innerText()).toBe('Default');

    const edited = DEFAULT_INVOICE.replace('space\n', 'space\nDelivered by our own van on Tuesdays to {{ doc.buyer.name }}.\n');
    await template().fill(edited);
    await expect.poll(latestPreview).toContain('Delivered by our own van on Tuesdays to SRL Câmpul Verde.');
    await office.screenshot('print-forms-edited-preview');
    // The frame's PDF viewer draws the preview in its own time: the PDF the page received is drawn by poppler too.
    execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', path.join(server.dir, `preview-${previews.length - 1}.pdf`), 'test/browser/screenshots/print-forms-preview-pdf']);

    await page.getByRole('button', { name: 'Save', exact: true }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Saved.');
    expect(await page.getByTestId('form-state').innerText()).toBe('Edited by the shop');
    expect((await server.db.printForm.findFirstOrThrow({ where: { type: 'invoice' } })).template).toBe(edited);

    // The owner works in Lithuanian: the refusal names the line in Lithuanian.
    await page.locator('select[name=language]').selectOption('lt');
    await expect.poll(() => page.getByRole('button', { name: 'Išsaugoti', exact: true }).count()).toBe(1);
    const broken = edited.replace('# {{ t.invoice }} {{ doc.displayNumber }}\n', '# {{ t.invoice }} {{ doc.displayNumber }}\n{{ doc.buyer.nmae }}\n');
    const line = broken.split('\n').indexOf('{{ doc.buyer.nmae }}') + 1;
    await template().fill(broken);
    await expect.poll(() => page.getByTestId('template-problem').innerText()).toBe(`Eilutė ${line}: nežinomas laukas doc.buyer.nmae`);
    await page.getByRole('button', { name: 'Išsaugoti', exact: true }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Neišsaugota: pagal šabloną negalima spausdinti.');
    expect((await server.db.printForm.findFirstOrThrow({ where: { type: 'invoice' } })).template).toBe(edited);
    await office.screenshot('print-forms-refused');

    const unclosed = 'logo | right\n# {{ t.invoice }}\n{% for line in doc.lines %}\nrow | {{ line.description }}\n';
    await template().fill(unclosed);
    await expect.poll(() => page.getByTestId('template-problem').innerText()).toMatch(/^Eilutė 3: /);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Grąžinti numatytąją', exact: true }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Grąžinta numatytoji forma.');
    await expect.poll(() => template().inputValue()).toBe(DEFAULT_INVOICE);
    expect(await server.db.printForm.count()).toBe(0);
    await expect.poll(() => page.getByTestId('template-problem').count()).toBe(0);
    await page.locator('select[name=preview-language]').selectOption('lt');
    await expect.poll(latestPreview).toContain('PVM sąskaita faktūra INV-000042');
    expect(latestPreview()).not.toContain('Delivered by our own van');
    await office.screenshot('print-forms-reset');
  });
});
