import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeScale } from '../../drivers/testing/fake-scale.ts';
import { startPtyPair, type PtyPair } from '../../drivers/testing/pty-pair.ts';
import { EventStreamClient } from '../support/event-stream.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let pair: PtyPair;
let scale: FakeScale;

beforeAll(async () => {
  pair = await startPtyPair();
  scale = await FakeScale.open(pair.peer, 'toledo');
  server = await startTestServer({ deviceEnv: { POS_SCALES: `serial:${pair.device}?baud=9600&framing=7E1&protocol=toledo&register=R1&max=6000` } });
});

afterAll(async () => {
  await server.close();
  await scale.close();
  await pair.stop();
});

describe('a Toledo scale at register 1', () => {
  it('streams the live weight to its register as it settles', async () => {
    const cashier = await server.login('anna', '3333', 'R1');
    const events = await EventStreamClient.open(`${server.url}/api/devices/events`, cashier.token!);
    try {
      scale.grams = 735;
      scale.stable = true;
      await expect.poll(() => events.events.some((e) => e.event === 'weight' && (e.data as { grams: number }).grams === 735 && (e.data as { state: string }).state === 'stable')).toBe(true);
      const status = await cashier.get('/api/devices/status');
      expect(status.body.items.find((d: { kind: string }) => d.kind === 'scale')).toMatchObject({ state: 'online', registerCode: 'R1', maxGrams: 6000, weight: { state: 'stable', grams: 735 } });
    } finally {
      events.close();
    }
  });

  it('zeroes and tares from the register that has it, and says so to one that has none', async () => {
    const r1 = await server.login('anna', '3333', 'R1');
    expect((await r1.post('/api/devices/scale/zero')).status).toBe(200);
    expect((await r1.post('/api/devices/scale/tare')).status).toBe(200);
    await expect.poll(() => scale.commands).toEqual(['Z', 'T']);
    const r2 = await server.login('boris', '4444', 'R2');
    const res = await r2.post('/api/devices/scale/zero');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('no-scale');
  });
});
