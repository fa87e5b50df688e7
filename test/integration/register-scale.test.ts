import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeScale } from '../../drivers/testing/fake-scale.ts';
import { startPtyPair, type PtyPair } from '../../drivers/testing/pty-pair.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { EventStreamClient } from '../support/event-stream.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The scale's URI puts it at R1; the owner names it as R2's in the back office. Its readings then
// go to R2, whose weighed lines must come from it, and R1 has no scale. A Toledo scale on a pty.
let server: TestServer;
let pair: PtyPair;
let scale: FakeScale;
let owner: ApiClient;
let r1: ApiClient;
let r2: ApiClient;
let apples: ProductView;
const streams: EventStreamClient[] = [];

const sell = async (api: ApiClient, quantityMilli: number, scaleTicket?: string) => api.post<any>('/api/sales', (await buildSale(api, [{ product: apples, quantityMilli, scaleTicket }])).request);
const registerId = async (code: string) => (await owner.get<any>('/api/registers')).body.items.find((r: any) => r.code === code).id;

beforeAll(async () => {
  pair = await startPtyPair();
  scale = await FakeScale.open(pair.peer, 'toledo');
  server = await startTestServer({ deviceEnv: { POS_SCALES: `serial:${pair.device}?baud=9600&framing=7E1&protocol=toledo&register=R1` } });
  owner = await server.login('owner', '1111');
  r1 = await server.login('anna', '3333', 'R1');
  r2 = await server.login('boris', '4444', 'R2');
  for (const api of [r1, r2]) expect((await api.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
  const row = await server.db.product.findFirstOrThrow({ where: { unit: 'kg', kind: 'goods', active: true }, orderBy: { sku: 'asc' } });
  apples = (await r1.get<ProductView>(`/api/products/${row.id}`)).body;
  for (let i = 0; i < 200 && (await owner.get<any>('/api/devices/status')).body.items.find((d: any) => d.kind === 'scale')?.state !== 'online'; i++) await new Promise((r) => setTimeout(r, 50));
});

afterAll(async () => {
  for (const s of streams) s.close();
  await server?.close();
  await scale?.close();
  await pair?.stop();
});

describe('a register naming its scale', () => {
  it('takes the scale from the register its URI names: readings, the weighed-line rule and the status follow it', async () => {
    expect((await sell(r1, 300)).body.error?.code).toBe('weight-not-from-scale');
    expect((await sell(r2, 300)).status).toBe(201);

    const named = await owner.request<any>('PATCH', `/api/registers/${await registerId('R2')}`, { scaleId: 'scale-1' });
    expect(named.body.scaleId).toBe('scale-1');
    expect((await owner.get<any>('/api/devices/status')).body.items.find((d: any) => d.kind === 'scale')).toMatchObject({ id: 'scale-1', registerCode: 'R2' });

    // R2 now weighs on it: a typed weight is refused, the scale's reading sells.
    const atR2 = await EventStreamClient.open(`${server.url}/api/devices/events`, r2.token!);
    const atR1 = await EventStreamClient.open(`${server.url}/api/devices/events`, r1.token!);
    streams.push(atR2, atR1);
    expect((await sell(r2, 300)).body.error).toMatchObject({ code: 'weight-not-from-scale', fields: [{ path: 'lines.0.scaleTicket' }] });
    scale.grams = 845;
    scale.stable = true;
    let ticket: string | undefined;
    await expect.poll(() => (ticket = (atR2.events.filter((e) => e.event === 'weight').map((e) => e.data as { state: string; grams: number; ticket?: string }).find((r) => r.state === 'stable' && r.grams === 845))?.ticket)).toBeTruthy();
    const sold = await sell(r2, 845, ticket);
    expect(sold.status).toBe(201);
    expect(sold.body.lines[0].quantityMilli).toBe(845);
    // R1 hears no weights any more and, without a scale, types them.
    expect(atR1.events.filter((e) => e.event === 'weight')).toEqual([]);
    expect((await sell(r1, 300)).status).toBe(201);
    expect((await r1.post<any>('/api/devices/scale/zero')).body.error.code).toBe('no-scale');
  });
});
