import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getModel } from '../printers/escpos/models.ts';
import { renderPrintJob } from '../printers/escpos/render-job.ts';
import { MemoryPrintJobStore, PrintQueueWorker } from '../printers/print-queue.ts';
import { createReceiptPrinter } from '../printers/receipt-printer.ts';
import { decodeEscPos } from '../testing/escpos-decoder.ts';
import { FakeSerialPrinter } from '../testing/fake-serial-printer.ts';
import { PAPER_OUT } from '../testing/fake-network-printer.ts';
import { startPtyPair, type PtyPair } from '../testing/pty-pair.ts';
import { sampleReceipt } from '../testing/sample-documents.ts';
import { parseDeviceUri } from './device-uri.ts';

const model = getModel('epson-tm-t20iii');
const decode = (bytes: Uint8Array) => decodeEscPos(bytes, model.id);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(check: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function worker(uri: string) {
  const store = new MemoryPrintJobStore();
  const printer = createReceiptPrinter(parseDeviceUri(uri), { model, writeTimeoutMs: 3000 });
  const w = new PrintQueueWorker({ deviceId: 'p', store, printer, render: (job) => renderPrintJob(job, model), backoffMs: { initial: 50, max: 200 }, pollMs: 100 });
  cleanups.push(() => w.stop());
  return { store, w };
}

describe('a USB printer-class device file', () => {
  it('gets the receipt bytes (a FIFO stands in for /dev/usb/lp0)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-lp-'));
    const fifo = path.join(dir, 'lp0');
    execFileSync('mkfifo', [fifo]);
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const chunks: Buffer[] = [];
    const reader = fs.createReadStream(fifo);
    reader.on('data', (c) => chunks.push(c as Buffer));
    cleanups.push(() => {
      reader.destroy();
    });

    const { store, w } = worker(`file:${fifo}`);
    store.add({ id: 'r1', deviceId: 'p', kind: 'receipt', payload: JSON.stringify(sampleReceipt()) });
    w.start();
    await until(() => store.jobs[0].status === 'sent', 'job sent');
    await until(() => decode(Buffer.concat(chunks)).cuts === 1, 'all bytes read');
    expect(decode(Buffer.concat(chunks)).text).toContain('Молоко 2,5% 1 л');
    expect(w.status().state).toBe('unknown');
  });

  it('is offline while the device file is missing (unplugged), and the job waits', async () => {
    const { store, w } = worker('file:/nonexistent/usb/lp0');
    store.add({ id: 'r1', deviceId: 'p', kind: 'receipt', payload: JSON.stringify(sampleReceipt()) });
    w.start();
    await until(() => w.status().state === 'offline', 'offline');
    expect(store.jobs[0].status).toBe('queued');
  });
});

describe('a serial receipt printer (socat pseudo-terminals)', () => {
  let pair: PtyPair;

  async function serialPrinter() {
    pair = await startPtyPair();
    cleanups.push(() => pair.stop());
    const fake = await FakeSerialPrinter.open(pair.peer);
    cleanups.push(() => fake.close());
    return fake;
  }

  it('reads DLE EOT status back on the line and prints the receipt', async () => {
    const fake = await serialPrinter();
    const { store, w } = worker(`serial:${pair.device}?baud=19200`);
    store.add({ id: 'r1', deviceId: 'p', kind: 'receipt', payload: JSON.stringify(sampleReceipt({ locale: 'ru' })) });
    w.start();
    await until(() => store.jobs[0].status === 'sent', 'job sent');
    await until(() => decode(Uint8Array.from(fake.received)).cuts === 1, 'bytes arrived');
    expect(w.status().state).toBe('online');
    expect(decode(Uint8Array.from(fake.received)).text).toMatch(/ИТОГ\s+3\.89 EUR/);
  });

  it('holds the queue while the serial printer reports paper out', async () => {
    const fake = await serialPrinter();
    fake.status = PAPER_OUT;
    const { store, w } = worker(`serial:${pair.device}?baud=19200`);
    store.add({ id: 'r1', deviceId: 'p', kind: 'receipt', payload: JSON.stringify(sampleReceipt()) });
    w.start();
    await until(() => w.status().state === 'paper-out', 'paper-out');
    expect(store.jobs[0].status).toBe('queued');
    expect(fake.received).toEqual([]);
  });

  it('is offline when the serial port does not exist', async () => {
    const { w } = worker('serial:/dev/ttyNOPE0?baud=9600');
    w.start();
    await until(() => w.status().state === 'offline', 'offline');
  });
});
