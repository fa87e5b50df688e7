import { EventEmitter } from 'node:events';
import { loadDeviceConfig, type DeviceConfig, type LabelPrinterConfig, type ReceiptPrinterConfig, type ScaleConfig, type ScannerConfig } from '../../drivers/config.ts';
import { SerialScale } from '../../drivers/scales/serial-scale.ts';
import { PoleDisplay } from '../../drivers/displays/pole-display.ts';
import type { WeightReading } from '../../drivers/scales/protocols.ts';
import { PrintQueueWorker, type Logger } from '../../drivers/printers/print-queue.ts';
import { preparePrintFont } from '../../drivers/print-font.ts';
import { createReceiptPrinter } from '../../drivers/printers/receipt-printer.ts';
import { GENERIC_MODEL_ID, getModel } from '../../drivers/printers/escpos/models.ts';
import { renderPrintJob } from '../../drivers/printers/escpos/render-job.ts';
import { renderLabelJob } from '../../drivers/labels/render-label-job.ts';
import { LABEL_PRINTER_POLLING, ZplLabelPrinter } from '../../drivers/labels/zpl-label-printer.ts';
import { TcpTransport } from '../../drivers/transports/tcp.ts';
import { HidPosScanner, nodeHidOpener } from '../../drivers/scanners/hid-pos-scanner.ts';
import type { ScannerSource } from '../../drivers/scanners/scanner.ts';
import { SerialScanner } from '../../drivers/scanners/serial-scanner.ts';
import type { DeviceStatusView } from '../../shared/schemas/devices.ts';
import type { Db } from '../db/client.ts';
import { DbPrintJobStore } from './job-store.ts';
import type { PrintRouting } from './printing.ts';
import { RegisterDevices } from './register-devices.ts';
import type { ScaleLocator } from './weighings.ts';

interface ReceiptPrinterDevice {
  config: ReceiptPrinterConfig;
  worker: PrintQueueWorker;
}

interface LabelPrinterDevice {
  config: LabelPrinterConfig;
  worker: PrintQueueWorker;
}

interface ScannerDevice {
  config: ScannerConfig;
  source: ScannerSource;
}

interface ScaleDevice {
  config: ScaleConfig;
  scale: SerialScale;
}

/** What registers hear from the devices in real time. */
export type DeviceEvent =
  | { type: 'scan'; registerCode: string; scannerId: string; code: string }
  | { type: 'weight'; registerCode: string; scaleId: string; reading: WeightReading }
  | { type: 'drawer'; registerCode: string; jobId: string; documentId: string | null; opened: boolean; error: string | null }
  | { type: 'status' };

/** The devices running for one configuration; replaced as a whole when the configuration changes. */
class DeviceSet {
  constructor(
    private readonly db: Db,
    private readonly receipt: ReceiptPrinterDevice | null,
    private readonly scanners: ScannerDevice[],
    private readonly scales: ScaleDevice[],
    private readonly label: LabelPrinterDevice | null,
    private readonly poles: { registerCode: string; uri: string; display: PoleDisplay }[],
    /** The registers' choices of devices, as they are now. */
    private readonly registers: () => RegisterDevices,
    emit: (event: DeviceEvent) => void,
  ) {
    for (const { config, scale } of scales) {
      scale.on('reading', (reading: WeightReading) => emit({ type: 'weight', registerCode: this.#scaleRegister(config), scaleId: config.id, reading }));
      scale.on('status', () => emit({ type: 'status' }));
    }
    for (const { config, source } of scanners) {
      source.on('scan', (code: string) => emit({ type: 'scan', registerCode: config.registerCode, scannerId: config.id, code }));
      source.on('status', () => emit({ type: 'status' }));
    }
  }

  #scaleRegister(config: ScaleConfig): string {
    return this.registers().registerOf('scaleId', config.id, config.registerCode);
  }

  #scale(registerCode: string): ScaleDevice | null {
    return this.registers().pick('scaleId', registerCode, this.scales.map((s) => ({ id: s.config.id, uriRegister: s.config.registerCode, device: s })))?.device ?? null;
  }

  #pole(registerCode: string) {
    return this.registers().pick('displayId', registerCode, this.poles.map((p) => ({ id: p.display.id, uriRegister: p.registerCode, device: p })))?.device ?? null;
  }

  // The printer a register names while it runs, else the outlet's one receipt printer.
  receiptPrinterFor(registerId: string): string | null {
    const named = this.registers().printerOf(registerId);
    return named !== null && named === this.receipt?.config.id ? named : (this.receipt?.config.id ?? null);
  }

  receiptModelFor(_registerId: string): string | null {
    return this.receipt?.config.model ?? null;
  }

  hasDrawer(_registerId: string): boolean {
    return this.receipt !== null;
  }

  /** Ids of the printers that can print a test page. */
  printerIds(): string[] {
    return [this.receipt?.config.id, this.label?.config.id].filter((id): id is string => !!id);
  }

  labelPrinter(): string | null {
    return this.label?.config.id ?? null;
  }

  notify(deviceId: string): void {
    for (const device of [this.receipt, this.label]) if (device?.config.id === deviceId) device.worker.notify();
  }

  /** Sends the printer's queued drawer kicks now and waits until they went out or failed. */
  async kickDrawer(deviceId: string): Promise<void> {
    if (this.receipt?.config.id === deviceId) await this.receipt.worker.kickNow();
  }

  async statuses(): Promise<DeviceStatusView[]> {
    const views: DeviceStatusView[] = [];
    if (this.receipt) {
      const { config, worker } = this.receipt;
      const counts = await this.db.printJob.groupBy({ by: ['status'], where: { deviceId: config.id }, _count: { _all: true } });
      const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
      const status = worker.status();
      views.push({
        id: config.id,
        kind: 'receipt-printer',
        name: 'Receipt printer',
        uri: config.uri,
        state: status.state,
        paperNearEnd: status.paperNearEnd,
        drawerOpen: status.drawerOpen,
        queue: { queued: count('queued') + count('sending'), unknown: count('unknown'), failed: count('failed') },
      });
    }
    if (this.label) {
      const { config, worker } = this.label;
      const counts = await this.db.printJob.groupBy({ by: ['status'], where: { deviceId: config.id }, _count: { _all: true } });
      const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
      views.push({
        id: config.id, kind: 'label-printer', name: `Label printer (${config.media.language.toUpperCase()} ${config.media.widthMm}×${config.media.heightMm} mm)`, uri: config.uri,
        state: worker.status().state, paperNearEnd: false, drawerOpen: null, queue: { queued: count('queued') + count('sending'), unknown: count('unknown'), failed: count('failed') },
      });
    }
    for (const { config, source } of this.scanners) {
      views.push({ id: config.id, kind: 'scanner', name: `Scanner (${config.registerCode})`, uri: config.uri, state: source.state(), paperNearEnd: false, drawerOpen: null, queue: { queued: 0, unknown: 0, failed: 0 }, registerCode: config.registerCode });
    }
    for (const { config, scale } of this.scales) {
      const registerCode = this.#scaleRegister(config);
      views.push({
        id: config.id, kind: 'scale', name: `Scale (${registerCode})`, uri: config.uri, state: scale.state(), paperNearEnd: false, drawerOpen: null,
        queue: { queued: 0, unknown: 0, failed: 0 }, registerCode, maxGrams: config.maxGrams, weight: scale.reading(),
      });
    }
    for (const pole of this.poles) {
      const registerCode = this.registers().registerOf('displayId', pole.display.id, pole.registerCode);
      views.push({ id: pole.display.id, kind: 'pole-display', name: `Pole display (${registerCode})`, uri: pole.uri, state: 'unknown', paperNearEnd: false, drawerOpen: null, queue: { queued: 0, unknown: 0, failed: 0 }, registerCode });
    }
    return views;
  }

  /** Shows two lines on the register's pole display; null when it has none, false when it did not answer. */
  async showOnPole(registerCode: string, line1: string, line2: string): Promise<boolean | null> {
    const pole = this.#pole(registerCode);
    return pole ? pole.display.show(line1, line2) : null;
  }

  scaleAt(registerCode: string): { id: string; online: boolean } | null {
    const device = this.#scale(registerCode);
    return device ? { id: device.config.id, online: device.scale.state() === 'online' } : null;
  }

  /** Zeroes or tares the scale at a register; false when it has none or cannot. */
  scaleCommand(registerCode: string, kind: 'zero' | 'tare'): boolean {
    const device = this.#scale(registerCode);
    return device ? device.scale.command(kind) : false;
  }

  assignable() {
    return [
      ...(this.receipt ? [{ id: this.receipt.config.id, kind: 'receipt-printer' as const, name: 'Receipt printer', uri: this.receipt.config.uri, uriRegister: null }] : []),
      ...this.scales.map(({ config }) => ({ id: config.id, kind: 'scale' as const, name: `Scale ${config.id}`, uri: config.uri, uriRegister: config.registerCode })),
      ...this.poles.map((p) => ({ id: p.display.id, kind: 'pole-display' as const, name: `Pole display ${p.display.id}`, uri: p.uri, uriRegister: p.registerCode })),
    ];
  }

  async stop(): Promise<void> {
    await this.receipt?.worker.stop();
    await this.label?.worker.stop();
    await Promise.all(this.scanners.map((s) => s.source.stop()));
    await Promise.all(this.scales.map((s) => s.scale.stop()));
  }
}


/**
 * The outlet's devices as the server sees them: where each register prints, one queue worker per
 * physical printer, scanners and scales whose readings go to their register, live status. Devices
 * come from the environment (or POS_DEVICES_FILE) plus those added in the back office; a change
 * restarts the device set while the server keeps selling.
 */
export class DeviceHub extends EventEmitter implements PrintRouting, ScaleLocator {
  #set: DeviceSet;
  #env: NodeJS.ProcessEnv;
  #registers: RegisterDevices;

  private constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    env: NodeJS.ProcessEnv,
    registers: RegisterDevices,
    start: (hub: DeviceHub) => DeviceSet,
  ) {
    super();
    this.#env = env;
    this.#registers = registers;
    this.#set = start(this);
  }

  static async start(db: Db, env: NodeJS.ProcessEnv, logger: Logger): Promise<DeviceHub> {
    const interrupted = await new DbPrintJobStore(db).recoverInterrupted();
    if (interrupted) logger.warn(`${interrupted} print job(s) were interrupted by a stop; their outcome is unknown until a cashier decides`);
    const config = loadDeviceConfig(await effectiveEnv(db, env));
    return new DeviceHub(db, logger, env, await RegisterDevices.load(db), (hub) => startDevices(db, config, logger, () => hub.#registers, (event) => hub.emit('event', event)));
  }

  /** Rereads the configuration (after a device was added or removed) and restarts the devices. */
  async reload(): Promise<void> {
    const config = loadDeviceConfig(await effectiveEnv(this.db, this.#env));
    await this.#set.stop();
    this.#set = startDevices(this.db, config, this.logger, () => this.#registers, (event) => this.emit('event', event));
    this.emit('event', { type: 'status' } satisfies DeviceEvent);
  }

  /** Rereads which devices the registers name (after a register was added, changed or retired); no device restarts. */
  async registersChanged(): Promise<void> {
    this.#registers = await RegisterDevices.load(this.db);
    this.emit('event', { type: 'status' } satisfies DeviceEvent);
  }

  /** The running devices a register can name: receipt printers, scales and customer displays, with the register their URI names. */
  assignable(): { id: string; kind: 'receipt-printer' | 'scale' | 'pole-display'; name: string; uri: string; uriRegister: string | null }[] {
    return this.#set.assignable();
  }

  /** The environment the outlet was started with (to validate a device before storing it). */
  get environment(): NodeJS.ProcessEnv {
    return this.#env;
  }

  receiptPrinterFor(registerId: string): string | null {
    return this.#set.receiptPrinterFor(registerId);
  }

  receiptModelFor(registerId: string): string | null {
    return this.#set.receiptModelFor(registerId);
  }

  hasDrawer(registerId: string): boolean {
    return this.#set.hasDrawer(registerId);
  }

  printerIds(): string[] {
    return this.#set.printerIds();
  }

  labelPrinter(): string | null {
    return this.#set.labelPrinter();
  }

  notify(deviceId: string): void {
    this.#set.notify(deviceId);
  }

  kickDrawer(deviceId: string): Promise<void> {
    return this.#set.kickDrawer(deviceId);
  }

  statuses(): Promise<DeviceStatusView[]> {
    return this.#set.statuses();
  }

  showOnPole(registerCode: string, line1: string, line2: string): Promise<boolean | null> {
    return this.#set.showOnPole(registerCode, line1, line2);
  }

  scaleCommand(registerCode: string, kind: 'zero' | 'tare'): boolean {
    return this.#set.scaleCommand(registerCode, kind);
  }

  scaleAt(registerCode: string): { id: string; online: boolean } | null {
    return this.#set.scaleAt(registerCode);
  }

  stop(): Promise<void> {
    return this.#set.stop();
  }
}

/** Devices added in the back office, as the variables they would be in the environment; the environment wins. */
export async function effectiveEnv(db: Db, env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const rows = await db.device.findMany({ where: { enabled: true }, orderBy: { id: 'asc' } });
  return mergeDeviceRows(env, rows);
}

export const DEVICE_VARIABLES: Record<string, { variable: string; list: boolean }> = {
  'receipt-printer': { variable: 'POS_RECEIPT_PRINTER', list: false },
  'label-printer': { variable: 'POS_LABEL_PRINTER', list: false },
  scanner: { variable: 'POS_SCANNERS', list: true },
  scale: { variable: 'POS_SCALES', list: true },
  'pole-display': { variable: 'POS_POLE_DISPLAYS', list: true },
};

export function mergeDeviceRows(env: NodeJS.ProcessEnv, rows: { kind: string; uri: string; profile: string }[]): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const row of rows) {
    const target = DEVICE_VARIABLES[row.kind];
    if (!target) continue;
    if (target.list) merged[target.variable] = [merged[target.variable], row.uri].filter(Boolean).join(',');
    else if (!merged[target.variable]) {
      merged[target.variable] = row.uri;
      if (row.kind === 'receipt-printer' && !merged.POS_PRINTER_PROFILE && !/[?&]model=/.test(row.uri)) merged.POS_PRINTER_PROFILE = row.profile;
    }
  }
  return merged;
}

/**
 * Tells the register whose sale kicked the drawer how it went, so a drawer that did not open is
 * shown there and can be tried again.
 */
async function tellRegister(db: Db, saleId: string | null, jobId: string, error: string | null, emit: (event: DeviceEvent) => void): Promise<void> {
  if (!saleId) return;
  const sale = await db.sale.findUnique({ where: { id: saleId }, select: { registerId: true } });
  const register = sale && (await db.register.findUnique({ where: { id: sale.registerId }, select: { code: true } }));
  if (register) emit({ type: 'drawer', registerCode: register.code, jobId, documentId: saleId, opened: error === null, error });
}

/** Reads the device configuration and starts workers, scanners and scales. */
export async function startDeviceHub(db: Db, env: NodeJS.ProcessEnv, logger: Logger = console): Promise<DeviceHub> {
  return DeviceHub.start(db, env, logger);
}

function startDevices(db: Db, config: DeviceConfig, logger: Logger, registers: () => RegisterDevices, emit: (event: DeviceEvent) => void): DeviceSet {
  const store = new DbPrintJobStore(db);
  if (config.receiptPrinter || config.labelPrinter) preparePrintFont();
  let receipt: ReceiptPrinterDevice | null = null;
  if (config.receiptPrinter) {
    const printerConfig = config.receiptPrinter;
    const model = getModel(printerConfig.model);
    const printer = createReceiptPrinter(printerConfig.address, { model, drawerOpenWhen: printerConfig.drawerOpenWhen });
    const worker = new PrintQueueWorker({
      deviceId: printerConfig.id,
      store,
      printer,
      render: (job) => renderPrintJob(job, model),
      drawer: printerConfig.drawer,
      logger,
      onStatus: () => emit({ type: 'status' }),
      onKick: (job, error) => void tellRegister(db, job.documentId, job.id, error, emit),
    });
    worker.start();
    logger.info(`receipt printer ${printerConfig.uri} (${model.name})`);
    receipt = { config: printerConfig, worker };
  }

  let label: LabelPrinterDevice | null = null;
  if (config.labelPrinter) {
    const labelConfig = config.labelPrinter;
    const { address, media } = labelConfig;
    // A Zebra on the network says why it does not print (~HS); for the others reachable or not is what we know.
    const printer =
      media.language === 'zpl' && address.transport === 'socket'
        ? new ZplLabelPrinter(new TcpTransport({ host: address.host, port: address.port }))
        : createReceiptPrinter(address, { model: { ...getModel(GENERIC_MODEL_ID), hasStatus: false } });
    const worker = new PrintQueueWorker({ deviceId: labelConfig.id, store, printer, render: (job) => renderLabelJob(job, media), logger, ...LABEL_PRINTER_POLLING });
    worker.start();
    logger.info(`label printer ${labelConfig.uri}`);
    label = { config: labelConfig, worker };
  }

  const scanners = config.scanners.map((scanner) => {
    const source = scanner.source.kind === 'serial' ? new SerialScanner(scanner.id, scanner.source.address) : new HidPosScanner(scanner.id, nodeHidOpener(scanner.source.vendorId, scanner.source.productId));
    source.on('rejected', (why: string) => logger.warn(`scanner ${scanner.uri}: ${why}`));
    source.start();
    logger.info(`scanner ${scanner.uri} for register ${scanner.registerCode}`);
    return { config: scanner, source };
  });
  const scales = config.scales.map((scaleConfig) => {
    const scale = new SerialScale(scaleConfig.id, scaleConfig.address);
    scale.start();
    logger.info(`scale ${scaleConfig.uri} for register ${scaleConfig.registerCode}`);
    return { config: scaleConfig, scale };
  });
  const poles = config.poleDisplays.map((pole) => ({ registerCode: pole.registerCode, uri: pole.uri, display: new PoleDisplay(pole.id, pole.address) }));
  return new DeviceSet(db, receipt, scanners, scales, label, poles, registers, emit);
}
