import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeviceUri } from '../transports/device-uri.ts';
import { startPtyPair } from '../testing/pty-pair.ts';
import { itemLines, PoleDisplay, poleDisplayBytes } from './pole-display.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** What a two-line VFD shows after these bytes: the text after the last clear, split at the cursor move. */
function screen(bytes: number[]): [string, string] {
  const buffer = Buffer.from(bytes);
  const start = buffer.lastIndexOf(0x0c) + 1;
  const move = buffer.indexOf(Buffer.from([0x1f, 0x24, 0x01, 0x02]), start);
  return [buffer.subarray(start, move).toString('latin1'), buffer.subarray(move + 4).toString('latin1')];
}

describe('a VFD pole display on a serial line', () => {
  it('shows two 20-column lines, Cyrillic transliterated', async () => {
    const pair = await startPtyPair();
    cleanups.push(() => pair.stop());
    const peer = new SerialPort({ path: pair.peer, baudRate: 9600 });
    const received: number[] = [];
    peer.on('data', (c: Buffer) => received.push(...c));
    cleanups.push(() => new Promise<void>((r) => peer.close(() => r())));
    const display = new PoleDisplay('pole-1', parseDeviceUri(`serial:${pair.device}?baud=9600`) as never);
    expect(await display.show(itemLines('Молоко 2,5% 1 л', '1.29'), itemLines('TOTAL', '13.80'))).toBe(true);
    await expect.poll(() => received.length).toBe(poleDisplayBytes('', '').length);
    expect(screen(received)).toEqual(['Moloko 2,5% 1 l 1.29', 'TOTAL          13.80']);
  });

  it('reports a missing display without failing', async () => {
    const display = new PoleDisplay('pole-2', parseDeviceUri('serial:/dev/ttyNOPE9') as never);
    expect(await display.show('a', 'b')).toBe(false);
  });
});
