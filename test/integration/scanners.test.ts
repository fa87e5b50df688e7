import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPtyPair, type PtyPair } from '../../drivers/testing/pty-pair.ts';
import { EventStreamClient } from '../support/event-stream.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let pair: PtyPair;
let peer: SerialPort;

beforeAll(async () => {
  pair = await startPtyPair();
  server = await startTestServer({ deviceEnv: { POS_SCANNERS: `serial:${pair.device}?baud=9600&suffix=CR&register=R1` } });
  peer = new SerialPort({ path: pair.peer, baudRate: 9600 });
});

afterAll(async () => {
  await new Promise<void>((r) => peer.close(() => r()));
  await server.close();
  await pair.stop();
});

describe('a serial scanner read by the server', () => {
  it('pushes each scan to the register it belongs to, and to no other', async () => {
    const r1 = await server.login('anna', '3333', 'R1');
    const r2 = await server.login('boris', '4444', 'R2');
    const atR1 = await EventStreamClient.open(`${server.url}/api/devices/events`, r1.token!);
    const atR2 = await EventStreamClient.open(`${server.url}/api/devices/events`, r2.token!);
    try {
      const status = await r1.get('/api/devices/status');
      await expect.poll(async () => (await r1.get('/api/devices/status')).body.items[0]?.state).toBe('online');
      expect(status.status).toBe(200);
      peer.write('4770000000019\r');
      expect(await atR1.waitFor('scan')).toEqual({ code: '4770000000019', scannerId: 'scanner-1' });
      await new Promise((r) => setTimeout(r, 200));
      expect(atR2.events.filter((e) => e.event === 'scan')).toEqual([]);
    } finally {
      atR1.close();
      atR2.close();
    }
  });

  it('needs a signed-in register to listen', async () => {
    const res = await server.anonymous.get('/api/devices/events');
    expect(res.status).toBe(401);
  });
});
