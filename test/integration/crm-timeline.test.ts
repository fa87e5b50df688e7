import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let owner: ApiClient;
let manager: ApiClient;
let customer: { id: string };

// A real 1×1 PNG: its signature, header, one pixel of data and the end chunk.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6e9a40000000049454e44ae426082', 'hex');
// The start of a Linux program (ELF), sent as if it were a picture.
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0)]);

async function upload(as: ApiClient, body: Buffer, fileName: string, type: string) {
  const res = await fetch(`${server.url}/api/crm/attachments?fileName=${encodeURIComponent(fileName)}`, { method: 'POST', headers: { authorization: `Bearer ${as.token}`, 'content-type': type }, body: new Uint8Array(body) });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.login('owner', '1111');
  manager = await server.login('manager', '2222');
  customer = (await owner.post('/api/customers', { name: 'Timeline Person', email: 'timeline@example.com', emailConsent: true })).body;
});
afterAll(() => server?.close());

describe('a customer timeline', () => {
  it('merges logged calls and notes with their files, campaign messages, visits and pre-orders, newest first, with who and when', async () => {
    const picture = await upload(owner, PNG, 'whiteboard.png', 'text/plain');
    // The type is the content's, not what the client said.
    expect(picture).toMatchObject({ status: 201, body: { fileName: 'whiteboard.png', mediaType: 'image/png', size: PNG.length } });
    expect(fs.readFileSync(path.join(server.dir, 'attachments', picture.body.id)).equals(PNG)).toBe(true);

    const call = await owner.post(`/api/customers/${customer.id}/interactions`, { kind: 'call', direction: 'out', subject: 'Asked about the autumn offer', body: 'Wants a quote', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), attachmentIds: [picture.body.id] });
    expect(call).toMatchObject({ status: 201, body: { kind: 'call', who: { name: 'Olivia Owner' }, what: 'Asked about the autumn offer', attachments: [{ id: picture.body.id, mediaType: 'image/png' }] } });
    const note = await manager.post(`/api/customers/${customer.id}/interactions`, { kind: 'note', subject: 'Prefers e-mail' });
    expect(note.status).toBe(201);

    await owner.post('/api/shifts', { openingFloat: 0 });
    const sku = (await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null } })).sku;
    const [product] = await findProducts(owner, sku);
    const { request } = await buildSale(owner, [{ product, quantityMilli: 1000 }], { customer: (await owner.get(`/api/customers/${customer.id}`)).body });
    const sale = (await owner.post('/api/sales', request)).body;
    const order = (await owner.post('/api/pre-orders', { id: newId(), customerId: customer.id, lines: [{ productId: product.id, quantityMilli: 2000, unitPrice: 300 }] })).body;
    const managerId = (await server.db.user.findUniqueOrThrow({ where: { login: 'manager' } })).id;
    await owner.put(`/api/customers/${customer.id}/manager`, { managerId });
    const campaign = (await owner.post('/api/campaigns', { name: 'Autumn', channel: 'email', subject: 'Autumn offer', template: 'Hi {{name}} {{unsubscribe}}', filter: { managerId } })).body;
    expect(campaign.recipients).toBe(1);

    const timeline = (await manager.get(`/api/customers/${customer.id}/timeline`)).body;
    expect(timeline.items.map((e: { kind: string; source: string }) => `${e.source}:${e.kind}`)).toEqual(['messages:email', 'pre-orders:pre-order', 'sales:visit', 'crm:note', 'crm:call']);
    expect(timeline.items[0]).toMatchObject({ what: 'Autumn offer', who: { name: 'Olivia Owner' }, direction: 'out', documentId: campaign.id });
    expect(timeline.items[1]).toMatchObject({ what: order.number, amount: 600, status: 'new', documentId: order.id });
    expect(timeline.items[2]).toMatchObject({ what: sale.number, amount: sale.total, documentId: sale.id, who: { name: 'Olivia Owner' } });
    expect(timeline.items[3]).toMatchObject({ what: 'Prefers e-mail', who: { name: 'Max Manager' } });

    // Pages: two at a time reach every entry once.
    const first = (await manager.get(`/api/customers/${customer.id}/timeline?limit=2`)).body;
    const second = (await manager.get(`/api/customers/${customer.id}/timeline?limit=2&before=${encodeURIComponent(first.next)}`)).body;
    const third = (await manager.get(`/api/customers/${customer.id}/timeline?limit=2&before=${encodeURIComponent(second.next)}`)).body;
    expect([...first.items, ...second.items, ...third.items].map((e: { id: string }) => e.id)).toEqual(timeline.items.map((e: { id: string }) => e.id));
    expect(third.next).toBeNull();

    const file = await fetch(`${server.url}/api/crm/attachments/${picture.body.id}`, { headers: { authorization: `Bearer ${manager.token}` } });
    expect([file.status, file.headers.get('content-type'), Buffer.from(await file.arrayBuffer()).equals(PNG)]).toEqual([200, 'image/png', true]);
  });

  it('never changes an entry: a correction is a new one naming it, and an entry is corrected once', async () => {
    const wrong = (await owner.post(`/api/customers/${customer.id}/interactions`, { kind: 'meeting', subject: 'Met on Monday' })).body;
    const fixed = await owner.post(`/api/customers/${customer.id}/interactions`, { kind: 'meeting', subject: 'Met on Tuesday', correctsId: wrong.id });
    expect(fixed).toMatchObject({ status: 201, body: { correctsId: wrong.id } });
    const again = await owner.post(`/api/customers/${customer.id}/interactions`, { kind: 'meeting', subject: 'Met on Wednesday', correctsId: wrong.id });
    expect([again.status, again.body.error.code, again.body.error.fields[0].path]).toEqual([409, 'interaction-corrected', 'body.correctsId']);
    expect((await owner.put(`/api/customers/${customer.id}/interactions/${wrong.id}`, { kind: 'meeting', subject: 'Edited' })).status).toBe(404);
    const stored = await server.db.interaction.findUniqueOrThrow({ where: { id: wrong.id } });
    expect(stored.subject).toBe('Met on Monday');
    const shown = (await owner.get(`/api/customers/${customer.id}/timeline`)).body.items.find((e: { id: string }) => e.id === wrong.id);
    expect(shown.correctedBy).toBe(fixed.body.id);
  });

  it('refuses an entry in the future, a correction of another customer\'s entry and someone else\'s file, naming the field, and writes nothing', async () => {
    const other = (await owner.post('/api/customers', { name: 'Someone Else' })).body;
    const theirs = (await owner.post(`/api/customers/${other.id}/interactions`, { kind: 'note', subject: 'Theirs' })).body;
    const managersFile = (await upload(manager, PNG, 'mine.png', 'image/png')).body;
    const before = await server.db.interaction.count();
    for (const [body, status, code, field] of [
      [{ kind: 'call', occurredAt: new Date(Date.now() + 86_400_000).toISOString() }, 422, 'interaction-in-future', 'body.occurredAt'],
      [{ kind: 'note', correctsId: theirs.id }, 422, 'unknown-interaction', 'body.correctsId'],
      [{ kind: 'note', attachmentIds: [managersFile.id] }, 422, 'unknown-attachment', 'body.attachmentIds.0'],
      [{ kind: 'visit' }, 400, 'invalid-input', 'body.kind'],
    ] as const) {
      const res = await owner.post(`/api/customers/${customer.id}/interactions`, body);
      expect([res.status, res.body.error.code, res.body.error.fields[0].path]).toEqual([status, code, field]);
    }
    expect(await server.db.interaction.count()).toBe(before);
    expect((await server.db.interactionAttachment.findUniqueOrThrow({ where: { id: managersFile.id } })).interactionId).toBeNull();
    // Not joined yet: only its uploader may fetch it.
    expect((await owner.get(`/api/crm/attachments/${managersFile.id}`)).status).toBe(404);
  });

  it('refuses a program sent as a picture, an empty file and one over 10 MB, keeping nothing on disk', async () => {
    const folder = path.join(server.dir, 'attachments');
    const files = fs.readdirSync(folder).length;
    const program = await upload(owner, ELF, 'photo.jpg', 'image/jpeg');
    expect([program.status, program.body.error.code, program.body.error.fields[0].path]).toEqual([422, 'attachment-type-forbidden', 'body']);
    const empty = await upload(owner, Buffer.alloc(0), 'empty.txt', 'text/plain');
    expect([empty.status, empty.body.error.code]).toEqual([422, 'attachment-empty']);
    const huge = await upload(owner, Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), 'huge.png', 'image/png');
    expect([huge.status, huge.body.error.code, huge.body.error.fields[0].path]).toEqual([413, 'attachment-too-large', 'body']);
    expect(fs.readdirSync(folder).length).toBe(files);
    const text = await upload(owner, Buffer.from('Minutes of the meeting: ąčę 会议'), 'minutes.txt', 'application/octet-stream');
    expect(text).toMatchObject({ status: 201, body: { mediaType: 'text/plain' } });
  });
});
