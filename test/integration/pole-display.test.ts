import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPtyPair, type PtyPair } from '../../drivers/testing/pty-pair.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let pair: PtyPair;
let peer: SerialPort;
const received: number[] = [];

beforeAll(async () => {
  pair = await startPtyPair();
  peer = new SerialPort({ path: pair.peer, baudRate: 9600 });
  peer.on('data', (c: Buffer) => received.push(...c));
  server = await startTestServer({ deviceEnv: { POS_POLE_DISPLAYS: `serial:${pair.device}?baud=9600&register=R1` } });
});

afterAll(async () => {
  await server.close();
  await new Promise<void>((r) => peer.close(() => r()));
  await pair.stop();
});

describe('POST /api/devices/pole-display', () => {
  it("shows the register's two lines on its VFD pole display", async () => {
    const cashier = await server.login('anna', '3333', 'R1');
    const res = await cashier.post('/api/devices/pole-display', { line1: 'Яблоки Гала 0.48', line2: 'Total 13.80' });
    expect(res.body).toEqual({ shown: true });
    await expect.poll(() => Buffer.from(received).toString('latin1')).toContain('Yabloki Gala 0.48');
    expect(Buffer.from(received).toString('latin1')).toContain('Total 13.80');
    const status = await cashier.get('/api/devices/status');
    expect(status.body.items).toEqual([expect.objectContaining({ kind: 'pole-display', registerCode: 'R1' })]);
  });

  it('says when the register has no pole display, and validates the lines', async () => {
    const other = await server.login('boris', '4444', 'R2');
    expect((await other.post('/api/devices/pole-display', { line1: 'a', line2: 'b' })).body.error.code).toBe('no-pole-display');
    const bad = await other.post('/api/devices/pole-display', { line1: 'x'.repeat(41), line2: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('body.line1');
  });
});
