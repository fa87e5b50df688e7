import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryPrintJobStore, PrintQueueWorker } from '../printers/print-queue.ts';
import { OFFLINE_STATUS, type PrinterStatus } from '../printers/status.ts';
import { decodeHostStatus, LABEL_PRINTER_POLLING, ZplLabelPrinter } from './zpl-label-printer.ts';

// ~HS replies as Zebra's ZPL II Programming Guide lays them out: three strings, each STX … ETX CR LF.
// String 1 aaa,b,c,dddd,eee,f,g,h,iii,j,k,l (b paper out, c pause); string 2
// mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www (o head up, p ribbon out); string 3 xxxx,y.
const reply = (paperOut: string, pause: string, headUp: string, ribbonOut = '0') =>
  Buffer.from(`\x02030,${paperOut},${pause},1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,${headUp},${ribbonOut},0,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`, 'latin1');

describe('~HS host status', () => {
  it('tells paper out, head open, ribbon out and pause from the flags', () => {
    expect(decodeHostStatus(reply('0', '0', '0'))?.state).toBe('online');
    expect(decodeHostStatus(reply('1', '0', '0'))?.state).toBe('paper-out');
    expect(decodeHostStatus(reply('0', '0', '1'))?.state).toBe('cover-open');
    expect(decodeHostStatus(reply('0', '0', '0', '1'))?.state).toBe('error');
    expect(decodeHostStatus(reply('0', '1', '0'))?.state).toBe('offline');
    expect(decodeHostStatus(Buffer.from('\x02garbage\x03\r\n', 'latin1'))).toBeNull();
  });

  it('is unknown from a printer that never answers, an error once one that answered falls silent, offline when unreachable', async () => {
    let answer: Buffer | 'refuse' = Buffer.alloc(0);
    const { TransportError } = await import('../transports/tcp.ts');
    const printer = new ZplLabelPrinter({
      send: async () => {},
      exchange: async () => {
        if (answer === 'refuse') throw new TransportError('refused', 0, 'ECONNREFUSED');
        return answer;
      },
    });
    expect((await printer.status()).state).toBe('unknown');
    answer = reply('0', '0', '0');
    expect((await printer.status()).state).toBe('online');
    answer = Buffer.alloc(0);
    expect((await printer.status()).state).toBe('error');
    answer = 'refuse';
    expect(await printer.status()).toEqual(OFFLINE_STATUS);
  });
});

describe('how often an idle label printer is asked', () => {
  afterEach(() => void vi.useRealTimers());

  it('asks a handful of times in four minutes, whether the printer is fine or away', async () => {
    vi.useFakeTimers();
    for (const state of ['online', 'offline'] as const) {
      let asked = 0;
      const printer = { send: async () => 'sent' as const, kick: async () => {}, status: async (): Promise<PrinterStatus> => (asked++, { state, paperNearEnd: false, drawerOpen: null }) };
      const worker = new PrintQueueWorker({ deviceId: 'l1', store: new MemoryPrintJobStore(), printer, render: () => new Uint8Array(), ...LABEL_PRINTER_POLLING });
      worker.start();
      await vi.advanceTimersByTimeAsync(4 * 60_000);
      const stopped = worker.stop();
      await vi.advanceTimersByTimeAsync(1);
      await stopped;
      expect(asked).toBeLessThanOrEqual(state === 'online' ? 5 : 10);
    }
  });
});
