import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeScale } from '../../drivers/testing/fake-scale.ts';
import { startPtyPair, type PtyPair } from '../../drivers/testing/pty-pair.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { EventStreamClient } from '../support/event-stream.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Register R1 has a Toledo scale on a pty; R2 has none. A dishonest cashier at R1 sends weights the
// scale never read.
let server: TestServer;
let pair: PtyPair;
let scale: FakeScale;
let r1: ApiClient;
let r2: ApiClient;
let events: EventStreamClient;
let apples: ProductView;

beforeAll(async () => {
  pair = await startPtyPair();
  scale = await FakeScale.open(pair.peer, 'toledo');
  server = await startTestServer({ deviceEnv: { POS_SCALES: `serial:${pair.device}?baud=9600&framing=7E1&protocol=toledo&register=R1` } });
  r1 = await server.login('anna', '3333', 'R1');
  r2 = await server.login('boris', '4444', 'R2');
  expect((await r1.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
  expect((await r2.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
  const row = await server.db.product.findFirstOrThrow({ where: { unit: 'kg', kind: 'goods', active: true }, orderBy: { sku: 'asc' } });
  apples = (await r1.get<ProductView>(`/api/products/${row.id}`)).body;
  events = await EventStreamClient.open(`${server.url}/api/devices/events`, r1.token!);
  for (let i = 0; i < 200 && (await r1.get<any>('/api/devices/status')).body.items.find((d: any) => d.kind === 'scale')?.state !== 'online'; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  events?.close();
  await server?.close();
  await scale?.close();
  await pair?.stop();
});

/** Puts goods on the platter and waits for the register's stable reading with its ticket. */
async function weigh(grams: number): Promise<string> {
  scale.grams = grams;
  scale.stable = true;
  let ticket: string | undefined;
  await expect
    .poll(() => {
      const found = events.events.filter((e) => e.event === 'weight').map((e) => e.data as { state: string; grams: number; ticket?: string }).reverse().find((r) => r.state === 'stable' && r.grams === grams);
      ticket = found?.ticket;
      return ticket;
    })
    .toBeTruthy();
  return ticket!;
}

async function sell(api: ApiClient, lines: { quantityMilli: number; scaleTicket?: string }[]) {
  const { request } = await buildSale(api, lines.map((l) => ({ product: apples, ...l })));
  return api.post<any>('/api/sales', request);
}

describe('POST /api/sales with goods sold by weight at a register with a scale', () => {
  it('refuses a typed weight while the scale is online, storing nothing', async () => {
    const before = await server.db.sale.count();
    const res = await sell(r1, [{ quantityMilli: 120 }]);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'weight-not-from-scale', fields: [{ path: 'lines.0.scaleTicket' }] });
    expect(await server.db.sale.count()).toBe(before);
  });

  it('sells the weight the scale read, with its ticket', async () => {
    const ticket = await weigh(735);
    const res = await sell(r1, [{ quantityMilli: 735, scaleTicket: ticket }]);
    expect(res.status).toBe(201);
    expect(res.body.lines[0].quantityMilli).toBe(735);
  });

  it('refuses a quantity other than the reading, a forged ticket and one reading on two lines', async () => {
    const ticket = await weigh(1250);
    const more = await sell(r1, [{ quantityMilli: 2500, scaleTicket: ticket }]);
    expect(more.status).toBe(422);
    expect(more.body.error.fields).toEqual([{ path: 'lines.0.quantityMilli', message: 'must be 1250' }]);
    const [scaleId, , at, mac] = ticket.split('.');
    const forged = await sell(r1, [{ quantityMilli: 2500, scaleTicket: [scaleId, '2500', at, mac].join('.') }]);
    expect(forged.status).toBe(422);
    expect(forged.body.error.code).toBe('weight-not-from-scale');
    const twice = await sell(r1, [{ quantityMilli: 1250, scaleTicket: ticket }, { quantityMilli: 1250, scaleTicket: ticket }]);
    expect(twice.status).toBe(422);
    expect(twice.body.error.fields[0].path).toBe('lines.1.scaleTicket');
  });

  it("does not take another register's reading, and lets a register without a scale type the weight", async () => {
    const ticket = await weigh(480);
    const elsewhere = await sell(r2, [{ quantityMilli: 480, scaleTicket: ticket }]);
    expect(elsewhere.status).toBe(422);
    expect((await sell(r2, [{ quantityMilli: 480 }])).status).toBe(201);
  });

  it('gives the status its ticket too, for a register that opened after the weight settled', async () => {
    await weigh(610);
    const status = (await r1.get<any>('/api/devices/status')).body.items.find((d: any) => d.kind === 'scale');
    expect(status.weight).toMatchObject({ state: 'stable', grams: 610 });
    expect((await sell(r1, [{ quantityMilli: 610, scaleTicket: status.weight.ticket }])).status).toBe(201);
  });
});
