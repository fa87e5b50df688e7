import { loadDeviceConfig, type DeviceConfig } from '../../drivers/config.ts';
import { PrintQueueWorker, type Logger } from '../../drivers/printers/print-queue.ts';
import { createReceiptPrinter, type EscPosReceiptPrinter } from '../../drivers/printers/receipt-printer.ts';
import { getProfile } from '../../drivers/printers/escpos/profiles.ts';
import { renderPrintJob } from '../../drivers/printers/escpos/render-job.ts';
import type { DeviceStatusView } from '../../shared/schemas/devices.ts';
import type { Db } from '../db/client.ts';
import { DbPrintJobStore } from './job-store.ts';
import type { PrintRouting } from './printing.ts';


interface ReceiptPrinterDevice {
  config: NonNullable<DeviceConfig['receiptPrinter']>;
  printer: EscPosReceiptPrinter;
  worker: PrintQueueWorker;
}

/**
 * The outlet's devices as the server sees them: where each register prints, one queue worker per
 * physical printer, and live status for the register's status bar.
 */
export class DeviceHub implements PrintRouting {
  readonly #receipt: ReceiptPrinterDevice | null;

  constructor(
    private readonly db: Db,
    receipt: ReceiptPrinterDevice | null,
  ) {
    this.#receipt = receipt;
  }

  // One printer serves every register until per-register device set-up lands (issue 3).
  receiptPrinterFor(_registerId: string): string | null {
    return this.#receipt?.config.id ?? null;
  }

  hasDrawer(_registerId: string): boolean {
    return this.#receipt !== null;
  }

  notify(deviceId: string): void {
    if (this.#receipt?.config.id === deviceId) this.#receipt.worker.notify();
  }

  async statuses(): Promise<DeviceStatusView[]> {
    if (!this.#receipt) return [];
    const { config, worker } = this.#receipt;
    const counts = await this.db.printJob.groupBy({ by: ['status'], where: { deviceId: config.id }, _count: { _all: true } });
    const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
    const status = worker.status();
    return [
      {
        id: config.id,
        kind: 'receipt-printer',
        name: 'Receipt printer',
        uri: config.uri,
        state: status.state,
        paperNearEnd: status.paperNearEnd,
        drawerOpen: status.drawerOpen,
        queue: { queued: count('queued') + count('sending'), unknown: count('unknown'), failed: count('failed') },
      },
    ];
  }

  async stop(): Promise<void> {
    await this.#receipt?.worker.stop();
  }
}

/** Reads the device configuration, marks jobs a crash interrupted, and starts the queue workers. */
export async function startDeviceHub(db: Db, env: NodeJS.ProcessEnv, logger: Logger = console): Promise<DeviceHub> {
  const config = loadDeviceConfig(env);
  const store = new DbPrintJobStore(db);
  const interrupted = await store.recoverInterrupted();
  if (interrupted) logger.warn(`${interrupted} print job(s) were interrupted by a stop; their outcome is unknown until a cashier decides`);
  if (!config.receiptPrinter) return new DeviceHub(db, null);

  const receipt = config.receiptPrinter;
  const profile = getProfile(receipt.profile);
  const printer = createReceiptPrinter(receipt.address, { profile, drawerOpenWhen: receipt.drawerOpenWhen });
  const worker = new PrintQueueWorker({
    deviceId: receipt.id,
    store,
    printer,
    render: (job) => renderPrintJob(job, profile, receipt.drawer),
    logger,
  });
  worker.start();
  logger.info(`receipt printer ${receipt.uri} (${receipt.profile})`);
  return new DeviceHub(db, { config: receipt, printer, worker });
}
