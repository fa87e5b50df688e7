import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeviceConfig } from './config.ts';
import { decodeStatus } from './printers/status.ts';

describe('device configuration from the environment', () => {
  it('means no printer when nothing is configured', () => {
    expect(loadDeviceConfig({})).toEqual({ receiptPrinter: null, labelPrinter: null, scanners: [], scales: [], poleDisplays: [] });
  });

  it('reads a network printer, its model (an old profile name as the model it stands for) and the drawer wiring', () => {
    const config = loadDeviceConfig({ POS_RECEIPT_PRINTER: 'socket://192.168.1.50:9100', POS_PRINTER_PROFILE: 'clone-58', POS_DRAWER: 'pin5', POS_DRAWER_PULSE_MS: '100/200' });
    expect(config.receiptPrinter).toMatchObject({ address: { transport: 'socket', host: '192.168.1.50', port: 9100 }, model: 'pos-5890', drawer: { pin: 1, onMs: 100, offMs: 200 } });
  });

  it('takes the printer model from the device URI, before POS_PRINTER_PROFILE, and refuses a model the database does not have', () => {
    const env = { POS_RECEIPT_PRINTER: 'socket://10.0.0.7:9100?model=epson-tm-t88vi', POS_PRINTER_PROFILE: 'clone-58' };
    expect(loadDeviceConfig(env).receiptPrinter).toMatchObject({ model: 'epson-tm-t88vi', address: { host: '10.0.0.7', port: 9100 } });
    expect(loadDeviceConfig({ POS_RECEIPT_PRINTER: 'socket://10.0.0.7' }).receiptPrinter?.model).toBe('generic-escpos');
    expect(() => loadDeviceConfig({ POS_RECEIPT_PRINTER: 'socket://10.0.0.7?model=tm-nope' })).toThrow(/^POS_RECEIPT_PRINTER: model tm-nope/);
  });

  it('refuses at start a drawer pulse longer than ESC p can give (510 ms), instead of cutting it short', () => {
    for (const pulse of ['600/500', '900/100', '50/600']) {
      expect(() => loadDeviceConfig({ POS_RECEIPT_PRINTER: 'socket://x:9100', POS_DRAWER_PULSE_MS: pulse })).toThrow(/^POS_DRAWER_PULSE_MS: each pulse must be 2–510 ms/);
    }
    expect(loadDeviceConfig({ POS_RECEIPT_PRINTER: 'socket://x:9100', POS_DRAWER_PULSE_MS: '510/510' }).receiptPrinter?.drawer).toEqual({ pin: 0, onMs: 510, offMs: 510 });
  });

  it('defaults the port to 9100', () => {
    expect(loadDeviceConfig({ POS_RECEIPT_PRINTER: 'socket://printer.local' }).receiptPrinter?.address).toEqual({ transport: 'socket', host: 'printer.local', port: 9100, params: {} });
  });

  it('reads USB device files and serial printers with their line settings', () => {
    expect(loadDeviceConfig({ POS_RECEIPT_PRINTER: 'file:/dev/usb/lp0' }).receiptPrinter?.address).toEqual({ transport: 'file', path: '/dev/usb/lp0', params: {} });
    expect(loadDeviceConfig({ POS_RECEIPT_PRINTER: 'serial:/dev/ttyUSB0?baud=19200&framing=7E1' }).receiptPrinter?.address).toMatchObject({
      transport: 'serial', path: '/dev/ttyUSB0', baudRate: 19200, dataBits: 7, parity: 'even', stopBits: 1,
    });
  });

  it('reads scanners and the register each one feeds', () => {
    const { scanners } = loadDeviceConfig({ POS_SCANNERS: 'serial:/dev/ttyACM0?baud=9600&suffix=CRLF&register=R2, hid:0c2e:0b61' });
    expect(scanners).toEqual([
      expect.objectContaining({ id: 'scanner-1', registerCode: 'R2', source: expect.objectContaining({ kind: 'serial' }) }),
      expect.objectContaining({ id: 'scanner-2', registerCode: 'R1', source: { kind: 'hid', vendorId: 0x0c2e, productId: 0x0b61 } }),
    ]);
    expect(() => loadDeviceConfig({ POS_SCANNERS: 'socket://x:1' })).toThrow(/^POS_SCANNERS/);
  });

  it('reads scales with their protocol, register and capacity', () => {
    const { scales } = loadDeviceConfig({ POS_SCALES: 'serial:/dev/ttyUSB1?baud=9600&framing=7E1&protocol=toledo&register=R2&max=6000' });
    expect(scales[0]).toMatchObject({ id: 'scale-1', registerCode: 'R2', maxGrams: 6000, address: { dataBits: 7, parity: 'even' } });
    expect(() => loadDeviceConfig({ POS_SCALES: 'serial:/dev/ttyUSB1?protocol=dibal' })).toThrow(/^POS_SCALES: protocol dibal/);
  });

  it('reads a label printer with its language and label stock', () => {
    const { labelPrinter } = loadDeviceConfig({ POS_LABEL_PRINTER: 'socket://10.0.0.9:9100?language=tspl&width=40&height=30&gap=3&dpi=300&ean13=truncated' });
    expect(labelPrinter).toMatchObject({ address: { transport: 'socket', host: '10.0.0.9', port: 9100 }, media: { language: 'tspl', widthMm: 40, heightMm: 30, gapMm: 3, dpi: 300, ean13: 'truncated' } });
    expect(() => loadDeviceConfig({ POS_LABEL_PRINTER: 'socket://x?dpi=600' })).toThrow(/^POS_LABEL_PRINTER: dpi/);
  });

  it('reads devices from a JSON file, the environment winning over it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-devices-'));
    const file = path.join(dir, 'devices.json');
    fs.writeFileSync(file, JSON.stringify({ POS_RECEIPT_PRINTER: 'socket://10.0.0.5:9100', POS_PRINTER_PROFILE: 'clone-80' }));
    expect(loadDeviceConfig({ POS_DEVICES_FILE: file }).receiptPrinter).toMatchObject({ model: 'pos-8360', address: { host: '10.0.0.5' } });
    expect(loadDeviceConfig({ POS_DEVICES_FILE: file, POS_PRINTER_PROFILE: 'xprinter-xp-n160ii' }).receiptPrinter?.model).toBe('xprinter-xp-n160ii');
    fs.writeFileSync(file, JSON.stringify({ printer: 'x' }));
    expect(() => loadDeviceConfig({ POS_DEVICES_FILE: file })).toThrow(/^POS_DEVICES_FILE: printer/);
    fs.rmSync(dir, { recursive: true });
  });

  it('names the variable at fault', () => {
    expect(() => loadDeviceConfig({ POS_RECEIPT_PRINTER: 'http://x' })).toThrow(/^POS_RECEIPT_PRINTER/);
    expect(() => loadDeviceConfig({ POS_RECEIPT_PRINTER: 'socket://x:9100', POS_PRINTER_PROFILE: 'nope' })).toThrow(/^POS_PRINTER_PROFILE/);
    expect(() => loadDeviceConfig({ POS_RECEIPT_PRINTER: 'socket://x:9100', POS_DRAWER_PULSE_MS: 'fast' })).toThrow(/^POS_DRAWER_PULSE_MS/);
    expect(() => loadDeviceConfig({ POS_RECEIPT_PRINTER: 'serial:/dev/ttyUSB0?baud=12345' })).toThrow(/^POS_RECEIPT_PRINTER: baud 12345/);
  });
});

describe('DLE EOT status decoding', () => {
  it('reads a healthy printer, paper near end, paper out, cover open and the drawer sensor', () => {
    expect(decodeStatus({ printer: 0x12, offline: 0x12, paper: 0x12 })).toEqual({ state: 'online', paperNearEnd: false, drawerOpen: null });
    expect(decodeStatus({ printer: 0x12, offline: 0x12, paper: 0x1e }).paperNearEnd).toBe(true);
    expect(decodeStatus({ printer: 0x1a, offline: 0x32, paper: 0x72 }).state).toBe('paper-out');
    expect(decodeStatus({ printer: 0x1a, offline: 0x16, paper: 0x12 }).state).toBe('cover-open');
    expect(decodeStatus({ printer: 0x16 }, 'high').drawerOpen).toBe(true);
    expect(decodeStatus({ printer: 0x16 }, 'low').drawerOpen).toBe(false);
  });

  it('calls a printer that gives no valid answer unknown, not offline', () => {
    expect(decodeStatus({}).state).toBe('unknown');
    expect(decodeStatus({ printer: 0xff }).state).toBe('unknown');
  });
});
