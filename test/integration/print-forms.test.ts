import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '../../shared/invoicing/document.ts';
import type { Locale } from '../../shared/locales.ts';
import { renderContractPdf, renderInvoicePdf, renderStatementPdf } from '../../server/print-forms/service.ts';
import { sampleContract, sampleInvoice, sampleStatement } from '../../server/print-forms/samples.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The owner's print forms, checked from outside the code: each PDF is read back with poppler's
// pdftotext, pdffonts and pdfimages (Debian poppler-utils), amounts against Intl's formatting.

let server: TestServer;
let owner: ApiClient;
let manager: ApiClient;
let cashier: ApiClient;
let files = 0;

beforeAll(async () => {
  server = await startTestServer({ productCount: 10 });
  owner = await server.login('owner', '1111');
  manager = await server.login('manager', '2222');
  cashier = await server.login('anna', '3333');
});

afterAll(async () => {
  await server.close();
});

function pdfFile(pdf: Buffer): string {
  const file = path.join(server.dir, `form-${++files}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
}

/** The PDF's text as poppler reads it, every run of white space one space. */
function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile(pdf), '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

const spaced = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');
const money = (minor: number, language: string) => spaced(new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(minor / 100));

async function postForPdf(client: ApiClient, route: string, body: unknown): Promise<{ status: number; type: string | null; bytes: Buffer; json: any }> {
  const res = await fetch(server.url + route, { method: 'POST', headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type');
  return { status: res.status, type, bytes, json: type?.includes('json') ? JSON.parse(bytes.toString('utf8')) : null };
}

/** Each language with words in its own letters: the buyer's name and a line's description. */
const SCRIPTS: Record<Locale, { buyer: string; description: string; letters: string[]; title: string }> = {
  en: { buyer: 'Acme Trading Ltd', description: 'Blue widgets', letters: ['Acme Trading Ltd'], title: 'Invoice' },
  lt: { buyer: 'UAB Ąžuolų ūkis', description: 'Obuolių sultys ą č ę ė į š ų ū ž', letters: ['Ąžuolų ūkis', 'ą č ę ė į š ų ū ž'], title: 'PVM sąskaita faktūra' },
  ro: { buyer: 'SC Pâine și Țuică SRL', description: 'Brânză ă â î ș ț', letters: ['Pâine și Țuică', 'ă â î ș ț'], title: 'Factură' },
  ru: { buyer: 'ООО Русский хлеб', description: 'Молоко русский', letters: ['Русский хлеб', 'Молоко русский'], title: 'Счёт-фактура' },
  uk: { buyer: 'ТОВ Українська їжа', description: 'Хліб ї є ґ', letters: ['Українська їжа', 'Хліб ї є ґ'], title: 'Рахунок-фактура' },
  zh: { buyer: '上海简体中文贸易有限公司', description: '绿茶 简体中文', letters: ['上海简体中文贸易有限公司', '绿茶 简体中文'], title: '发票' },
};

function invoiceIn(language: Locale): InvoiceDocument {
  const doc = sampleInvoice(language);
  const script = SCRIPTS[language];
  return { ...doc, buyer: { ...doc.buyer, name: script.buyer }, lines: doc.lines.map((line, i) => (i === 0 ? { ...line, description: script.description } : line)) };
}

describe('renderInvoicePdf', () => {
  for (const language of Object.keys(SCRIPTS) as Locale[]) {
    it(`prints an invoice in ${language} as real text in its own letters, with its amounts in its own format`, async () => {
      const doc = invoiceIn(language);
      const pdf = await renderInvoicePdf(server.db, doc);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf);
      expect(text).toContain(SCRIPTS[language].title);
      for (const letters of SCRIPTS[language].letters) expect(text).toContain(letters);
      expect(text).toContain(doc.displayNumber);
      expect(text).toContain(doc.seller.vatCode!);
      expect(text).toContain(doc.buyer.vatCode!);
      // The totals as Intl writes them in the language; the VAT breakdown's sums add up to them.
      expect(text).toContain(money(doc.totals.gross, language));
      expect(text).toContain(money(doc.totals.vat, language));
      expect(text).toContain(money(doc.totals.net, language));
      for (const rate of doc.vatBreakdown) expect(text).toContain(money(rate.gross, language));
      expect(doc.vatBreakdown.reduce((sum, r) => sum + r.gross, 0)).toBe(doc.totals.gross);
      // Every font is embedded as a subset (a name with a six-letter tag), none left to the reader.
      const fonts = execFileSync('pdffonts', [pdfFile(pdf)], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+\S+\s.*\byes\s+yes\s+yes\b/);
    });
  }

  it('prints a credit note with the invoice it corrects, a statement with its balances, a contract with its prices', async () => {
    const credit = pdfText(await renderInvoicePdf(server.db, sampleInvoice('ro', 'credit-note')));
    expect(credit).toContain('Notă de credit CN-000042');
    expect(credit).toContain('Corectează factura: INV-000041');

    const statement = sampleStatement('uk');
    const statementText = pdfText(await renderStatementPdf(server.db, statement));
    expect(statementText).toContain('Акт звірки розрахунків');
    expect(statementText).toContain(money(statement.openingBalance, 'uk'));
    expect(statementText).toContain(money(statement.closingBalance, 'uk'));
    for (const entry of statement.entries) expect(statementText).toContain(entry.reference);

    const contract = sampleContract('zh');
    const contractText = pdfText(await renderContractPdf(server.db, contract));
    expect(contractText).toContain(`合同 编号 ${contract.number}`);
    expect(contractText).toContain('约定价格');
    for (const price of contract.prices) expect(contractText).toContain(money(price.unitPriceGross, 'zh'));
  });

  it('prints what a customer or a line says as text, never as markup', async () => {
    const doc = sampleInvoice('en');
    const hostile = { ...doc, buyer: { ...doc.buyer, name: '# pagebreak | row | x' }, notes: 'end\ntable | a\nrow | b' };
    const pdf = await renderInvoicePdf(server.db, hostile);
    const text = pdfText(pdf);
    expect(text).toContain('# pagebreak | row | x');
    expect(text).toContain('table | a');
    expect(execFileSync('pdfinfo', [pdfFile(pdf)], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
  });
});

describe('print-form templates', () => {
  const get = async (type: string) => (await owner.get(`/api/print-forms/${type}`)).body;

  it('lists the four forms with the shipped defaults until the owner changes one', async () => {
    const res = await owner.get('/api/print-forms');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { type: string }) => i.type)).toEqual(['invoice', 'credit-note', 'contract', 'statement']);
    for (const item of res.body.items) {
      expect(item.customised).toBe(false);
      expect(item.template).toBe(fs.readFileSync(path.resolve(`server/print-forms/defaults/${item.type}.liquid`), 'utf8'));
    }
  });

  it('keeps an edited invoice template, prints invoices with it, and resets it to the default', async () => {
    const before = await get('invoice');
    const template = before.template.replace('space\n', 'space\nPayment by bank transfer only, quoting {{ doc.displayNumber }}.\n');
    expect(template).not.toBe(before.template);
    const saved = await manager.put('/api/print-forms/invoice', { template });
    expect(saved.status).toBe(200);
    expect(saved.body.customised).toBe(true);
    const row = await server.db.printForm.findFirstOrThrow({ where: { type: 'invoice' } });
    expect(row.template).toBe(template);
    expect(await server.db.auditLog.count({ where: { action: 'print-form-change', entityId: 'invoice' } })).toBe(1);
    expect(pdfText(await renderInvoicePdf(server.db, sampleInvoice('en')))).toContain('Payment by bank transfer only, quoting INV-000042.');
    // The credit note keeps its own form.
    expect(pdfText(await renderInvoicePdf(server.db, sampleInvoice('en', 'credit-note')))).not.toContain('Payment by bank transfer only');

    const reset = await owner.request('DELETE', '/api/print-forms/invoice');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ customised: false, template: before.template });
    expect(await server.db.printForm.count()).toBe(0);
    expect(pdfText(await renderInvoicePdf(server.db, sampleInvoice('en')))).not.toContain('Payment by bank transfer only');
  });

  /** Saves a template that must be refused, and checks the refusal and that nothing changed. */
  async function refused(template: string, line: number | null, reason: RegExp, fault?: { fault: string; subject: string | null }) {
    const before = await server.db.printForm.findMany();
    const res = await owner.put('/api/print-forms/invoice', { template });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid-print-form');
    expect(res.body.error.fields[0].path).toBe('body.template');
    expect(res.body.error.details.line).toBe(line);
    expect(res.body.error.details.reason).toMatch(reason);
    if (fault) expect(res.body.error.details).toMatchObject(fault);
    expect(await server.db.printForm.findMany()).toEqual(before);
    // The preview refuses it the same way, with no PDF.
    const preview = await postForPdf(owner, '/api/print-forms/preview', { type: 'invoice', template });
    expect(preview.status).toBe(422);
    expect(preview.json.error.details).toEqual(res.body.error.details);
    return res.body.error;
  }

  it('refuses a broken template with its line and reason, and keeps the one in force', async () => {
    await refused('# {{ t.invoice }}\n{{ doc.displayNumber }}\n{% if doc.notes %}\n{{ doc.notes }}\n', 3, /not closed|endif/i);
    await refused('# {{ t.invoice }}\n\n\n{{ doc.displayNumber }\n', 4, /.+/);
    await refused('# x\n{% for line in doc.lines %}\n{{ line.description }}\n{% endfor %}\n{% endfor %}\n', 5, /.+/);
  });

  it('refuses an unknown placeholder or filter with its line', async () => {
    const placeholder = await refused('# {{ t.invoice }}\n{{ doc.buyer.nmae }}\n', 2, /nmae/, { fault: 'unknown-placeholder', subject: 'doc.buyer.nmae' });
    expect(placeholder.message).toMatch(/line 2/);
    await refused('# x\n\n{{ t.totalDeu }}\n', 3, /totalDeu/);
    await refused('# x\n{% for line in doc.lines %}\n{{ line.grosss | money }}\n{% endfor %}\n', 3, /grosss/);
    await refused('# x\n{{ doc.totals.gross | moneyy }}\n', 2, /moneyy/, { fault: 'unknown-filter', subject: 'moneyy' });
    await refused('# x\n{{ doc.displayNumber | money }}\n', 2, /money needs a whole number/);
  });

  it('refuses markup that cannot be laid out, with the line that wrote it', async () => {
    await refused('# x\nrow | a | b\n', 2, /row stands only inside a table/);
    await refused('# x\ntable | a | b\n{% for line in doc.lines %}\nrow | {{ line.description }}\n{% endfor %}\nend\n', 4, /1 cells, the table 2 columns/);
    await refused('# x\ntable | a\n', 2, /not closed/);
  });

  it('cannot read a file, another template or the environment', async () => {
    fs.writeFileSync(path.join(server.dir, 'secret.liquid'), 'SECRET-FILE-CONTENT');
    for (const tag of ['include', 'render', 'layout']) {
      for (const target of ["'/etc/passwd'", "'../../../../etc/passwd'", `'${path.join(server.dir, 'secret.liquid')}'`, "'secret'"]) {
        await refused(`# x\n{% ${tag} ${target} %}\n`, 2, new RegExp(`${tag}.*not allowed`), { fault: 'forbidden-tag', subject: tag });
      }
    }
    await refused('# x\n{{ process.env.HOME }}\n', 2, /process/);
    await refused('# x\n{{ doc.constructor.name }}\n', 2, /constructor/);
    await refused('# x\n{{ doc.__proto__ }}\n', 2, /__proto__/);
    // `raw` would print past the literal marks: here it is an ordinary filter and prints text.
    const preview = await postForPdf(owner, '/api/print-forms/preview', { type: 'invoice', template: '# x\n{{ "row | y" | raw }}\n' });
    expect(preview.status).toBe(200);
    expect(pdfText(preview.bytes)).toContain('row | y');
  });

  it('refuses a template that loops without end or runs to hundreds of pages, without printing it', async () => {
    await refused('# x\n{% for i in (1..100000000) %}{{ i }} {% endfor %}\n', 2, /.+/);
    await refused('# x\n{% for i in (1..500) %}\npagebreak\n{% endfor %}\n', null, /over 200 pages/);
    const long = await owner.put('/api/print-forms/invoice', { template: 'x'.repeat(100_001) });
    expect(long.status).toBe(400);
  });

  it('refuses to print half a document when a saved template fails on it', async () => {
    // The sample has a contract, so the check on saving never takes the other branch.
    const template = '# {{ t.invoice }} {{ doc.displayNumber }}\n{% if doc.contract %}{{ doc.contract.number }}{% else %}{{ doc.notes | money }}{% endif %}\n';
    expect((await owner.put('/api/print-forms/invoice', { template })).status).toBe(200);
    const withContract = pdfText(await renderInvoicePdf(server.db, sampleInvoice('en')));
    expect(withContract).toContain('Invoice INV-000042 S-2026/7');
    await expect(renderInvoicePdf(server.db, { ...sampleInvoice('en'), contract: null })).rejects.toMatchObject({ status: 422, code: 'print-form-failed', details: { line: 2, reason: expect.stringMatching(/money needs a whole number/) } });
    expect((await owner.request('DELETE', '/api/print-forms/invoice')).status).toBe(200);
  });

  it('previews a template on a sample document in the language asked for', async () => {
    const template = (await get('invoice')).template.replace('space\n', 'space\nPreview line {{ doc.buyer.name }}\n');
    const res = await postForPdf(manager, '/api/print-forms/preview', { type: 'invoice', template, language: 'zh' });
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const text = pdfText(res.bytes);
    expect(text).toContain('发票 INV-000042');
    expect(text).toContain('Preview line SRL Câmpul Verde');
    expect(await server.db.printForm.count()).toBe(0);
  });

  it('is for those who manage print forms: a cashier is refused every route', async () => {
    const template = (await get('invoice')).template;
    expect((await cashier.get('/api/print-forms')).status).toBe(403);
    expect((await cashier.put('/api/print-forms/invoice', { template })).status).toBe(403);
    expect((await cashier.request('DELETE', '/api/print-forms/invoice')).status).toBe(403);
    expect((await postForPdf(cashier, '/api/print-forms/preview', { type: 'invoice', template })).status).toBe(403);
    expect((await cashier.put('/api/print-logo', { dataUrl: 'data:image/png;base64,AAAA' })).status).toBe(403);
    expect(await server.db.printForm.count()).toBe(0);
  });
});

describe('the logo', () => {
  function png(width: number, height: number): Buffer {
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#c0392b';
    ctx.fillRect(0, 0, width, height / 2);
    return canvas.toBuffer('image/png');
  }
  const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;
  const imagesIn = (pdf: Buffer) => execFileSync('pdfimages', ['-list', pdfFile(pdf)], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);

  it('places an uploaded PNG on the forms, and removing it takes it off', async () => {
    const logo = png(320, 120);
    const res = await owner.put('/api/print-logo', { dataUrl: dataUrl('image/png', logo) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mimeType: 'image/png', bytes: logo.length });
    const stored = await server.db.printLogo.findFirstOrThrow();
    expect(Buffer.from(stored.data).equals(logo)).toBe(true);
    const images = imagesIn(await renderInvoicePdf(server.db, sampleInvoice('en')));
    expect(images).toHaveLength(2); // the picture and its alpha mask
    expect(images[0]).toMatch(/^\s*1\s+0\s+image\s+320\s+120\b/);
    const served = await fetch(`${server.url}/api/print-logo`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(logo)).toBe(true);

    expect((await owner.request('DELETE', '/api/print-logo')).status).toBe(200);
    expect(imagesIn(await renderInvoicePdf(server.db, sampleInvoice('en')))).toHaveLength(0);
    expect((await owner.get('/api/print-logo')).status).toBe(404);
  });

  it('refuses what is not a PNG or JPEG, what lies about its type, and what is too large', async () => {
    const real = png(64, 64);
    const attacks: [string, number, string][] = [
      [dataUrl('image/png', Buffer.from('<?php system($_GET["c"]); ?>')), 422, 'invalid-logo'],
      [dataUrl('image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), 422, 'invalid-logo'],
      [dataUrl('image/jpeg', real), 422, 'invalid-logo'],
      [dataUrl('image/png', real.subarray(0, 40)), 422, 'invalid-logo'],
      [dataUrl('image/png', Buffer.concat([real.subarray(0, 8), Buffer.alloc(2000, 0x41)])), 422, 'invalid-logo'],
      [dataUrl('image/png', png(5000, 10)), 422, 'invalid-logo'],
      [dataUrl('image/png', Buffer.concat([real, Buffer.alloc(520 * 1024, 7)])), 413, 'logo-too-large'],
      ['https://example.com/logo.png', 422, 'invalid-logo'],
    ];
    for (const [url, status, code] of attacks) {
      const res = await owner.put('/api/print-logo', { dataUrl: url });
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
    }
    expect(await server.db.printLogo.count()).toBe(0);
    // The server still prints.
    expect(pdfText(await renderInvoicePdf(server.db, sampleInvoice('en')))).toContain('Invoice INV-000042');
  });
});
