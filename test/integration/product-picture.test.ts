import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A product's picture, sent as a data URL in the product form, attacked as a careless owner or a
// forged request would: a file that says it is an image and is not, an SVG with a script, an
// image far larger than any the back office sends, one that would unpack to a huge image. Each
// is refused naming `picture` and nothing is stored; a real picture is stored and decodes as
// the image that was sent. Real HTTP, real SQLite; images drawn here with a real canvas.

let server: TestServer;
let manager: ApiClient;
let taxRateId: string;
let serial = 0;

const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;
function drawn(width: number, height: number, type: 'image/png' | 'image/jpeg' = 'image/png'): Buffer {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#d01010';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#1040d0';
  context.fillRect(0, 0, Math.ceil(width / 2), height);
  return type === 'image/png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg');
}
/** A PNG's signature and header chunk claiming these sides, without the pixels: what a decompression bomb starts with. */
function pngHeader(width: number, height: number): Buffer {
  const real = drawn(1, 1);
  const header = Buffer.from(real.subarray(0, 33));
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return Buffer.concat([header, real.subarray(33)]);
}

const product = (picture: string | null) => ({ name: `Pictured ${++serial}`, sku: `PIC-${serial}`, taxRateId, price: 100, picture });

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222');
  taxRateId = (await server.db.taxRate.findFirstOrThrow()).id;
});

afterAll(async () => {
  await server?.close();
});

describe('a product picture', () => {
  it('is stored as sent and decodes as the image drawn', async () => {
    const picture = dataUrl('image/png', drawn(64, 48));
    const res = await manager.post('/api/products', product(picture));
    expect(res.status).toBe(201);
    const stored = await server.db.productPicture.findUniqueOrThrow({ where: { productId: res.body.product.id } });
    expect(stored.dataUrl).toBe(picture);
    const image = await loadImage(Buffer.from(stored.dataUrl.split(',')[1], 'base64'));
    expect([image.width, image.height]).toEqual([64, 48]);
    const jpeg = await manager.put(`/api/products/${res.body.product.id}`, { ...product(dataUrl('image/jpeg', drawn(32, 32, 'image/jpeg'))), sku: res.body.product.sku });
    expect(jpeg.status).toBe(200);
    expect(jpeg.body.product.picture).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('is refused naming the field when it is not what it says, or too large; nothing is stored', async () => {
    const png = drawn(8, 8);
    const cases: [string, string, number, string, string][] = [
      ['text that says it is a PNG', dataUrl('image/png', Buffer.from('<script>alert(document.cookie)</script>')), 422, 'invalid-picture', 'picture'],
      ["a PNG's signature with a script behind it", dataUrl('image/png', Buffer.concat([png.subarray(0, 8), Buffer.from('<html><script>alert(1)</script></html>'.repeat(4))])), 422, 'invalid-picture', 'picture'],
      ['a JPEG that says it is a PNG', dataUrl('image/png', drawn(8, 8, 'image/jpeg')), 422, 'invalid-picture', 'picture'],
      ['an SVG with a script', dataUrl('image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>')), 422, 'invalid-picture', 'picture'],
      ['an SVG that says it is a PNG', dataUrl('image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(2)</script></svg>')), 422, 'invalid-picture', 'picture'],
      ['a header claiming 30000 × 30000 pixels', dataUrl('image/png', pngHeader(30_000, 30_000)), 422, 'picture-too-large', 'picture'],
      ['a file of 300 KB', dataUrl('image/png', Buffer.concat([png, Buffer.alloc(300_000)])), 400, 'invalid-input', 'body.picture'],
      ['an address instead of a picture', 'https://evil.example/pixel.png', 422, 'invalid-picture', 'picture'],
    ];
    const before = { products: await server.db.product.count(), pictures: await server.db.productPicture.count(), audit: await server.db.auditLog.count() };
    for (const [what, picture, status, code, path] of cases) {
      const res = await manager.post('/api/products', product(picture));
      expect([what, res.status, res.body.error?.code], what).toEqual([what, status, code]);
      expect(res.body.error.fields.map((f: { path: string }) => f.path), what).toContain(path);
    }
    expect({ products: await server.db.product.count(), pictures: await server.db.productPicture.count(), audit: await server.db.auditLog.count() }).toEqual(before);

    // Nor does a change put a bad picture in place of a good one.
    const good = dataUrl('image/png', png);
    const created = (await manager.post('/api/products', product(good))).body.product;
    const changed = await manager.put(`/api/products/${created.id}`, { ...product(cases[0][1]), sku: created.sku });
    expect(changed.body.error).toMatchObject({ code: 'invalid-picture', fields: [{ path: 'picture' }] });
    expect((await server.db.productPicture.findUniqueOrThrow({ where: { productId: created.id } })).dataUrl).toBe(good);
  });
});
