import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../testing/escpos-decoder.ts';
import { COVER_OPEN, FakeNetworkPrinter, HEALTHY, PAPER_OUT, SILENT } from '../testing/fake-network-printer.ts';
import { sampleReceipt } from '../testing/sample-documents.ts';
import { getProfile } from './escpos/profiles.ts';
import { renderPrintJob } from './escpos/render-job.ts';
import { MemoryPrintJobStore, PrintQueueWorker } from './print-queue.ts';
import { createReceiptPrinter } from './receipt-printer.ts';

const profile = getProfile('epson-generic');
const drawer = { pin: 0 as const, onMs: 50, offMs: 500 };
let fake: FakeNetworkPrinter;
let store: MemoryPrintJobStore;
let worker: PrintQueueWorker;
let n = 0;

function queueReceipt(overrides = {}) {
  n += 1;
  return store.add({ id: `job-${n}`, deviceId: 'p1', kind: 'receipt', payload: JSON.stringify(sampleReceipt(overrides)) });
}

async function until(check: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeEach(async () => {
  fake = await FakeNetworkPrinter.start();
  store = new MemoryPrintJobStore();
  const printer = createReceiptPrinter({ transport: 'socket', host: '127.0.0.1', port: fake.port }, { profile, connectTimeoutMs: 500, writeTimeoutMs: 2000 });
  worker = new PrintQueueWorker({ deviceId: 'p1', store, printer, render: (job) => renderPrintJob(job, profile, drawer), backoffMs: { initial: 50, max: 200 }, pollMs: 100, drawerMaxAgeMs: 150 });
});

afterEach(async () => {
  await worker.stop();
  await fake.stop();
});

describe('print queue worker with a network printer', () => {
  it('prints queued jobs in order, one connection per job, and marks them sent', async () => {
    queueReceipt({ number: 'R1-0001-0001', barcode: 'R1-0001-0001' });
    queueReceipt({ number: 'R1-0001-0002', barcode: 'R1-0001-0002' });
    worker.start();
    const jobs = await fake.waitForJobs(2);
    expect(jobs.map((bytes) => decodeEscPos(bytes).barcodes[0].data)).toEqual(['R1-0001-0001', 'R1-0001-0002']);
    await until(() => store.jobs.every((j) => j.status === 'sent'), 'jobs sent');
    expect(decodeEscPos(jobs[0]).text).toContain('Молоко 2,5% 1 л');
    expect(worker.status().state).toBe('online');
  });

  it('sends one correct drawer kick, ESC p 0 25 250', async () => {
    store.add({ id: 'kick', deviceId: 'p1', kind: 'drawer', payload: '{"type":"drawer"}' });
    worker.start();
    const [bytes] = await fake.waitForJobs(1);
    expect([...bytes]).toEqual([0x1b, 0x70, 0x00, 0x19, 0xfa]);
  });

  it('holds jobs while the paper is out and prints them when paper is back', async () => {
    fake.status = PAPER_OUT;
    queueReceipt();
    worker.start();
    await until(() => worker.status().state === 'paper-out', 'paper-out status');
    expect(store.jobs[0].status).toBe('queued');
    expect(fake.jobs).toHaveLength(0);
    fake.status = HEALTHY;
    worker.notify();
    await fake.waitForJobs(1);
    await until(() => store.jobs[0].status === 'sent', 'job sent');
  });

  it('reports a cover open and holds the queue', async () => {
    fake.status = COVER_OPEN;
    queueReceipt();
    worker.start();
    await until(() => worker.status().state === 'cover-open', 'cover-open status');
    expect(store.jobs[0].status).toBe('queued');
  });

  it('keeps a job queued while the printer refuses connections, then prints it', async () => {
    await fake.setRefusing(true);
    queueReceipt();
    worker.start();
    await until(() => worker.status().state === 'offline', 'offline status');
    expect(store.jobs[0].status).toBe('queued');
    await fake.setRefusing(false);
    worker.notify();
    await fake.waitForJobs(1);
    await until(() => store.jobs[0].status === 'sent', 'job sent');
  });

  it('marks a job reset mid-print as unknown and never prints it again by itself', async () => {
    fake.resetNextJobAfter = 100;
    queueReceipt();
    queueReceipt({ number: 'R1-0001-0099', barcode: 'R1-0001-0099' });
    worker.start();
    await until(() => store.jobs[1].status === 'sent', 'second job sent');
    expect(store.jobs[0].status).toBe('unknown');
    expect(store.jobs[0].attempts).toBe(1);
    expect(fake.jobs.map((b) => decodeEscPos(b).barcodes[0]?.data)).toEqual(['R1-0001-0099']);
  });

  it('finishes a receipt that ran out of paper half-way once paper is loaded, printed once and whole', async () => {
    fake.paperOutNextJobAfter = 200;
    queueReceipt({ number: 'R1-0001-0042', barcode: 'R1-0001-0042' });
    worker.start();
    await until(() => fake.status === PAPER_OUT, 'paper out mid-job');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.jobs).toHaveLength(0);
    expect(store.jobs[0].status).toBe('sending');
    fake.loadPaper();
    const [bytes] = await fake.waitForJobs(1);
    await until(() => store.jobs[0].status === 'sent', 'job sent');
    const printed = decodeEscPos(bytes);
    expect(printed.text).toMatch(/TOTAL\s+3\.89 EUR/);
    expect(printed.barcodes[0].data).toBe('R1-0001-0042');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.jobs).toHaveLength(1);
  });

  it('treats a printer that never answers status as unknown and still prints to it', async () => {
    fake.status = SILENT;
    queueReceipt();
    worker.start();
    await fake.waitForJobs(1);
    expect(worker.status().state).toBe('unknown');
  });

  it('drops a drawer kick that could not be sent in time, rather than opening the drawer unattended later', async () => {
    await fake.setRefusing(true);
    store.add({ id: 'kick', deviceId: 'p1', kind: 'drawer', payload: '{"type":"drawer"}' });
    worker.start();
    await until(() => worker.status().state === 'offline', 'offline');
    await new Promise((r) => setTimeout(r, 200));
    await fake.setRefusing(false);
    worker.notify();
    await until(() => store.jobs[0].status === 'failed', 'kick dropped');
    expect(store.jobs[0].lastError).toMatch(/too late/);
    expect(fake.jobs).toHaveLength(0);
  });
});
