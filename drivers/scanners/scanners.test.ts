import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDeviceUri } from '../transports/device-uri.ts';
import { startPtyPair, type PtyPair } from '../testing/pty-pair.ts';
import { HidPosScanner, type HidDevice } from './hid-pos-scanner.ts';
import { Reconnector } from './scanner.ts';
import { SerialScanner } from './serial-scanner.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function nextScan(scanner: EventEmitter): Promise<string> {
  return new Promise((resolve) => scanner.once('scan', resolve));
}

function scansOf(scanner: EventEmitter): string[] {
  const scans: string[] = [];
  scanner.on('scan', (code: string) => scans.push(code));
  return scans;
}

async function openPeer(path: string): Promise<SerialPort> {
  const peer = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => peer.open((err) => (err ? reject(err) : resolve())));
  cleanups.push(() => new Promise<void>((r) => (peer.isOpen ? peer.close(() => r()) : r())));
  return peer;
}

async function serialScanner(pair: PtyPair, query = 'suffix=CR'): Promise<SerialScanner> {
  const scanner = new SerialScanner('s1', parseDeviceUri(`serial:${pair.device}?baud=9600&${query}`) as never);
  cleanups.push(() => scanner.stop());
  const online = new Promise((r) => scanner.once('status', r));
  scanner.start();
  await online;
  return scanner;
}

describe('a serial scanner on a pseudo-terminal', () => {
  it('reads each code up to its suffix', async () => {
    const pair = await startPtyPair();
    cleanups.push(() => pair.stop());
    const scanner = await serialScanner(pair);
    const peer = await openPeer(pair.peer);
    const first = nextScan(scanner);
    peer.write('4006381333931\r');
    expect(await first).toBe('4006381333931');
    const second = nextScan(scanner);
    peer.write('9900000000017\r');
    expect(await second).toBe('9900000000017');
    expect(scanner.state()).toBe('online');
  });

  it('ends a code at CR, LF or CRLF whatever suffix is set, and drops control characters but GS', async () => {
    const pair = await startPtyPair();
    cleanups.push(() => pair.stop());
    const scanner = await serialScanner(pair, 'suffix=CR');
    const scans = scansOf(scanner);
    const peer = await openPeer(pair.peer);
    peer.write('4006381333931\n');
    peer.write('4770000000019\r\n');
    peer.write('\x02\x00\x0740063\x1b81333931\x03\r');
    peer.write(']d2010460700978016321abc\x1d91EE06\r');
    await expect.poll(() => scans.length).toBe(4);
    expect(scans).toEqual(['4006381333931', '4770000000019', '4006381333931', ']d2010460700978016321abc\x1d91EE06']);
  });

  it('drops a line longer than any code, whole, and reads the next one', async () => {
    const pair = await startPtyPair();
    cleanups.push(() => pair.stop());
    const scanner = await serialScanner(pair);
    const scans = scansOf(scanner);
    const rejected: string[] = [];
    scanner.on('rejected', (why: string) => rejected.push(why));
    const peer = await openPeer(pair.peer);
    peer.write('7'.repeat(200_000));
    peer.write('\r4006381333931\r');
    await expect.poll(() => scans).toEqual(['4006381333931']);
    expect(rejected).toHaveLength(1);
  });

  // Retried: under a fully loaded CI machine the pseudo-terminal's hang-up has now and then not reached
  // the port within the test's time (2 of 4 full runs on two cores); the behaviour is the same each try.
  it('keeps a code scanned while the port was away, and reads it once the device is back', { retry: 2, timeout: 20_000 }, async () => {
    const pair = await startPtyPair();
    const scanner = await serialScanner(pair);
    const scans = scansOf(scanner);
    const offline = new Promise((r) => scanner.once('status', r));
    await pair.stop();
    await offline;
    expect(scanner.state()).toBe('offline');
    // The device comes back at the same path and the scanner sends before the product reopens it.
    const back = await startPtyPair(pair);
    cleanups.push(() => back.stop());
    const peer = await openPeer(back.peer);
    peer.write('4006381333931\r');
    await expect.poll(() => scans, { timeout: 10_000 }).toEqual(['4006381333931']);
    expect(scanner.state()).toBe('online');
  });

  it('stays offline without failing when the port is missing', async () => {
    const scanner = new SerialScanner('s2', parseDeviceUri('serial:/dev/ttyNOPE1?baud=9600') as never);
    cleanups.push(() => scanner.stop());
    scanner.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(scanner.state()).toBe('offline');
  });

  it('refuses an unknown suffix, naming it', () => {
    expect(() => new SerialScanner('s3', parseDeviceUri('serial:/dev/ttyS0?suffix=SEMICOLON') as never)).toThrow(/suffix SEMICOLON/);
  });
});

describe('reopening a device that went away', () => {
  it('tries again at least every second however long it was gone, so it is back within two seconds of returning', async () => {
    vi.useFakeTimers();
    cleanups.push(() => void vi.useRealTimers());
    let present = false;
    let attempts = 0;
    let connected = false;
    const reconnect = new Reconnector(async () => {
      attempts++;
      if (!present) throw new Error('ENOENT');
      connected = true;
    });
    cleanups.push(() => reconnect.stop());
    await reconnect.run();
    // Gone for ten minutes.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(attempts).toBeGreaterThan(500);
    present = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(connected).toBe(true);
  });
});

// HID POS input reports laid out as Honeywell's and Zebra's manuals show them: 64 bytes; byte 0
// report id 0x02, byte 1 length of the data, bytes 2–4 the AIM symbology identifier, data from
// byte 5 (at most 56 bytes, to byte 60), byte 61 the vendor's own symbology id, byte 63 bit 0 set
// when the code continues in the next report.
function hidReport(fields: { length: number; aim: string; data: string; vendorId?: string; continued: boolean }): Buffer {
  const report = Buffer.alloc(64);
  report[0] = 0x02;
  report[1] = fields.length;
  report.write(fields.aim, 2, 'latin1');
  report.write(fields.data, 5, 'latin1');
  if (fields.vendorId) report.write(fields.vendorId, 61, 'latin1');
  report[63] = fields.continued ? 0x01 : 0x00;
  return report;
}

async function hidScanner(): Promise<{ scanner: HidPosScanner; device: EventEmitter & HidDevice }> {
  const device = new EventEmitter() as EventEmitter & HidDevice;
  device.close = () => {};
  const scanner = new HidPosScanner('h1', async () => device);
  const online = new Promise((r) => scanner.once('status', r));
  scanner.start();
  await online;
  cleanups.push(() => scanner.stop());
  return { scanner, device };
}

describe('a HID POS scanner (reports as the vendors lay them out)', () => {
  it('reads an EAN-13 from a Honeywell report: data from byte 5, not the symbology identifier', async () => {
    const { scanner, device } = await hidScanner();
    const scan = nextScan(scanner);
    device.emit('data', hidReport({ length: 13, aim: ']E0', data: '4006381333931', vendorId: 'd', continued: false }));
    expect(await scan).toBe('4006381333931');
  });

  it('joins a Zebra GS1 DataMatrix that spans two reports, keeping its GS1 identifier and GS', async () => {
    const { scanner, device } = await hidScanner();
    const code = '0104607009780163215sN*qa\u001d91EE06\u001d92' + 'dGVzdGNyeXB0b3RhaWxmb3JhbWFya2VkZ29vZHNzaWdu';
    expect(code.length).toBeGreaterThan(56);
    const scan = nextScan(scanner);
    device.emit('data', hidReport({ length: 56, aim: ']d2', data: code.slice(0, 56), continued: true }));
    device.emit('data', hidReport({ length: code.length - 56, aim: ']d2', data: code.slice(56), continued: false }));
    expect(await scan).toBe(`]d2${code}`);
  });

  it('ignores reports that are not scanned data', async () => {
    const { scanner, device } = await hidScanner();
    const scans = scansOf(scanner);
    const status = Buffer.alloc(64);
    status[0] = 0x05;
    device.emit('data', status);
    device.emit('data', hidReport({ length: 8, aim: ']E4', data: '96385074', continued: false }));
    expect(scans).toEqual(['96385074']);
  });
});
