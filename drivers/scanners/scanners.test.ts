import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeviceUri } from '../transports/device-uri.ts';
import { startPtyPair } from '../testing/pty-pair.ts';
import { decodeHidPosReport, HidPosScanner, type HidDevice } from './hid-pos-scanner.ts';
import { SerialScanner } from './serial-scanner.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function nextScan(scanner: EventEmitter): Promise<string> {
  return new Promise((resolve) => scanner.once('scan', resolve));
}

describe('a serial scanner on a pseudo-terminal', () => {
  it('reads each code up to its suffix', async () => {
    const pair = await startPtyPair();
    cleanups.push(() => pair.stop());
    const scanner = new SerialScanner('s1', parseDeviceUri(`serial:${pair.device}?baud=9600&suffix=CR`) as never);
    cleanups.push(() => scanner.stop());
    const online = new Promise((r) => scanner.once('status', r));
    scanner.start();
    await online;
    const peer = new SerialPort({ path: pair.peer, baudRate: 9600 });
    cleanups.push(() => new Promise<void>((r) => peer.close(() => r())));
    const first = nextScan(scanner);
    peer.write('4006381333931\r');
    expect(await first).toBe('4006381333931');
    const second = nextScan(scanner);
    peer.write('9900000000017\r');
    expect(await second).toBe('9900000000017');
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

describe('a HID POS scanner (recorded reports replayed)', () => {
  it('decodes scanned-data reports, joining a code split over two reports', async () => {
    const device = new EventEmitter() as EventEmitter & HidDevice;
    device.close = () => {};
    const scanner = new HidPosScanner('h1', async () => device);
    scanner.start();
    await new Promise((r) => setTimeout(r, 10));
    const scan = nextScan(scanner);
    const report = (data: string, more: boolean) => Buffer.from([0x02, data.length, ...Buffer.from(data, 'latin1'), 0, more ? 1 : 0]);
    device.emit('data', report('400638', true));
    device.emit('data', report('1333931', false));
    expect(await scan).toBe('4006381333931');
    expect(decodeHidPosReport(Uint8Array.of(0x05, 1, 2))).toBeNull();
    await scanner.stop();
  });
});
