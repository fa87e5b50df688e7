import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../testing/escpos-decoder.ts';
import { COVER_OPEN, FakeNetworkPrinter, HEALTHY, PAPER_OUT, SILENT } from '../testing/fake-network-printer.ts';
import { sampleReceipt } from '../testing/sample-documents.ts';
import { getModel, type PrinterModel } from './escpos/models.ts';
import { renderPrintJob } from './escpos/render-job.ts';
import { MemoryPrintJobStore, PrintQueueWorker } from './print-queue.ts';
import { createReceiptPrinter } from './receipt-printer.ts';

const drawer = { pin: 0 as const, onMs: 200, offMs: 500 };
let fake: FakeNetworkPrinter;
let store: MemoryPrintJobStore;
let worker: PrintQueueWorker;
let n = 0;

function queueReceipt(overrides = {}) {
  n += 1;
  return store.add({ id: `job-${n}`, deviceId: 'p1', kind: 'receipt', payload: JSON.stringify(sampleReceipt(overrides)) });
}

function queueKick() {
  n += 1;
  return store.add({ id: `kick-${n}`, deviceId: 'p1', kind: 'drawer', payload: '{"type":"drawer"}' });
}

async function until(check: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A worker for the fake printer as the given model (an Epson TM-T20III unless said otherwise). */
async function setUp(model: PrinterModel = getModel('epson-tm-t20iii'), options: { maxJobMs?: number; confirmMs?: number } = {}) {
  fake = await FakeNetworkPrinter.start();
  store = new MemoryPrintJobStore();
  const printer = createReceiptPrinter({ transport: 'socket', host: '127.0.0.1', port: fake.port, params: {} }, { model, connectTimeoutMs: 500, writeTimeoutMs: 2000, stallMs: 300, ...options });
  worker = new PrintQueueWorker({ deviceId: 'p1', store, printer, render: (job) => renderPrintJob(job, model), drawer, backoffMs: { initial: 50, max: 200 }, pollMs: 100, drawerMaxAgeMs: 150 });
  return model;
}

afterEach(async () => {
  await worker.stop();
  await fake.stop();
});

describe('print queue worker with a network printer', () => {
  it('prints queued jobs in order, one connection per job, and marks them printed when the printer confirms', async () => {
    await setUp();
    queueReceipt({ number: 'R1-0001-0001', barcode: 'R1-0001-0001' });
    queueReceipt({ number: 'R1-0001-0002', barcode: 'R1-0001-0002' });
    worker.start();
    const jobs = await fake.waitForJobs(2);
    expect(jobs.map((bytes) => decodeEscPos(bytes, 'epson-tm-t20iii').barcodes[0].data)).toEqual(['R1-0001-0001', 'R1-0001-0002']);
    await until(() => store.jobs.every((j) => j.status === 'printed'), 'jobs printed');
    expect(decodeEscPos(jobs[0], 'epson-tm-t20iii').text).toContain('Молоко 2,5% 1 л');
    expect(worker.status().state).toBe('online');
  });

  it('records a job the printer read and closed without confirming as "may not have printed", never printing it again by itself', async () => {
    await setUp();
    fake.closeNextJobUnconfirmed = true;
    queueReceipt({ number: 'R1-0001-0011', barcode: 'R1-0001-0011' });
    queueReceipt({ number: 'R1-0001-0012', barcode: 'R1-0001-0012' });
    worker.start();
    await until(() => store.jobs[1].status === 'printed', 'second job printed');
    expect(store.jobs[0]).toMatchObject({ status: 'unknown', attempts: 1 });
    expect(store.jobs[0].lastError).toMatch(/without confirming/);
    expect(fake.jobs.map((b) => decodeEscPos(b, 'epson-tm-t20iii').barcodes[0]?.data)).toEqual(['R1-0001-0011', 'R1-0001-0012']);
  });

  it('does not wait long for a confirmation from a printer that says it is fine but never confirms (a clone set up as an Epson)', async () => {
    await setUp(getModel('epson-tm-t20iii'), { confirmMs: 300 });
    fake.answersProcessId = false;
    queueReceipt();
    queueReceipt();
    worker.start();
    await until(() => store.jobs.every((j) => j.status === 'unknown'), 'both unknown');
    expect(store.jobs[0].lastError).toMatch(/did not finish the job in time/);
  });

  it('sends the drawer kick as a real-time pulse that the printer executes while it is out of paper', async () => {
    await setUp();
    fake.status = PAPER_OUT;
    queueReceipt();
    queueKick();
    worker.start();
    await fake.waitForPulses(1);
    expect(fake.pulses).toEqual([{ pin: 0, t: 2 }]);
    await until(() => store.jobs[1].status === 'sent', 'kick sent');
    expect(store.jobs[0].status).toBe('queued');
    expect(fake.jobs).toHaveLength(0);
  });

  it('on a model without the real-time pulse, refuses a kick while out of paper instead of leaving it to open the drawer later', async () => {
    const model = await setUp(getModel('pos-8360'));
    fake.status = PAPER_OUT;
    queueKick();
    worker.start();
    await until(() => store.jobs[0].status === 'failed', 'kick failed');
    expect(store.jobs[0].lastError).toMatch(/paper-out: open the drawer with its key/);
    fake.loadPaper();
    queueKick();
    worker.notify();
    const [bytes] = await fake.waitForJobs(1);
    expect(decodeEscPos(bytes, model.id).drawerKicks).toEqual([{ pin: 0, t1: 100, t2: 250 }]);
    expect(fake.jobs).toHaveLength(1);
  });

  it('holds jobs while the paper is out and prints them when paper is back', async () => {
    await setUp();
    fake.status = PAPER_OUT;
    queueReceipt();
    worker.start();
    await until(() => worker.status().state === 'paper-out', 'paper-out status');
    expect(store.jobs[0].status).toBe('queued');
    expect(fake.jobs).toHaveLength(0);
    fake.status = HEALTHY;
    worker.notify();
    await fake.waitForJobs(1);
    await until(() => store.jobs[0].status === 'printed', 'job printed');
  });

  it('reports a cover open and holds the queue', async () => {
    await setUp();
    fake.status = COVER_OPEN;
    queueReceipt();
    worker.start();
    await until(() => worker.status().state === 'cover-open', 'cover-open status');
    expect(store.jobs[0].status).toBe('queued');
  });

  it('keeps a job queued while the printer refuses connections, then prints it', async () => {
    await setUp();
    await fake.setRefusing(true);
    queueReceipt();
    worker.start();
    await until(() => worker.status().state === 'offline', 'offline status');
    expect(store.jobs[0].status).toBe('queued');
    await fake.setRefusing(false);
    worker.notify();
    await fake.waitForJobs(1);
    await until(() => store.jobs[0].status === 'printed', 'job printed');
  });

  it('marks a job reset mid-print as unknown and never prints it again by itself', async () => {
    await setUp();
    fake.resetNextJobAfter = 100;
    queueReceipt();
    queueReceipt({ number: 'R1-0001-0099', barcode: 'R1-0001-0099' });
    worker.start();
    await until(() => store.jobs[1].status === 'printed', 'second job printed');
    expect(store.jobs[0].status).toBe('unknown');
    expect(store.jobs[0].attempts).toBe(1);
    expect(fake.jobs.map((b) => decodeEscPos(b, 'epson-tm-t20iii').barcodes[0]?.data)).toEqual(['R1-0001-0099']);
  });

  it('finishes a receipt that ran out of paper half-way once paper is loaded, shows paper-out meanwhile, and prints it once', async () => {
    await setUp();
    fake.paperOutNextJobAfter = 200;
    queueReceipt({ number: 'R1-0001-0042', barcode: 'R1-0001-0042' });
    queueReceipt({ number: 'R1-0001-0043', barcode: 'R1-0001-0043' });
    worker.start();
    await until(() => worker.status().state === 'paper-out', 'paper-out reported from the stalled job');
    expect(store.jobs.map((j) => j.status)).toEqual(['sending', 'queued']);
    fake.loadPaper();
    await until(() => store.jobs.every((j) => j.status === 'printed'), 'both printed');
    const printed = decodeEscPos(fake.jobs[0], 'epson-tm-t20iii');
    expect(printed.text).toMatch(/TOTAL\s+3\.89 EUR/);
    expect(printed.barcodes[0].data).toBe('R1-0001-0042');
    expect(fake.jobs).toHaveLength(2);
  });

  it('lets jobs wait behind a printer that stalls instead of timing each one out', async () => {
    await setUp(getModel('epson-tm-t20iii'), { maxJobMs: 60_000 });
    fake.setStalled(true);
    queueReceipt({ number: 'R1-0001-0051', barcode: 'R1-0001-0051' });
    queueReceipt({ number: 'R1-0001-0052', barcode: 'R1-0001-0052' });
    queueReceipt({ number: 'R1-0001-0053', barcode: 'R1-0001-0053' });
    worker.start();
    await until(() => store.jobs[0].status === 'sending', 'first job under way');
    await new Promise((r) => setTimeout(r, 2500));
    expect(store.jobs.map((j) => j.status)).toEqual(['sending', 'queued', 'queued']);
    fake.setStalled(false);
    await until(() => store.jobs.every((j) => j.status === 'printed'), 'all printed', 10_000);
    expect(fake.jobs.map((b) => decodeEscPos(b, 'epson-tm-t20iii').barcodes[0]?.data)).toEqual(['R1-0001-0051', 'R1-0001-0052', 'R1-0001-0053']);
  });

  it('treats a printer that never answers status as unknown, still prints to it, and calls the job sent, not printed', async () => {
    await setUp(getModel('generic-escpos'));
    fake.status = SILENT;
    queueReceipt();
    worker.start();
    await fake.waitForJobs(1);
    await until(() => store.jobs[0].status === 'sent', 'job sent');
    expect(worker.status().state).toBe('unknown');
  });

  it('drops a drawer kick that could not be sent in time, rather than opening the drawer unattended later', async () => {
    await setUp();
    await fake.setRefusing(true);
    queueKick();
    worker.start();
    await until(() => store.jobs[0].status === 'failed', 'kick failed');
    expect(store.jobs[0].lastError).toMatch(/did not reach the printer/);
    await fake.setRefusing(false);
    worker.notify();
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.pulses).toHaveLength(0);
    expect(fake.jobs).toHaveLength(0);
  });
});
