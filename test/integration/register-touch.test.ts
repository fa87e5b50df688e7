import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ApiClient } from '../support/api-client.ts';
import { requestFrom } from '../support/from-address.ts';
import { hashSecret } from '../../server/users/secrets.ts';

// A register on a tablet: the owner pairs its browser, cashiers sign in by tile and PIN (or PIN
// alone), and tap product tiles. Attacked as a stranger on the shop's network or a cashier would.

let server: TestServer;
let owner: ApiClient;
let cashier: ApiClient;

/** A client that presents a register token, as the paired register's browser does. */
const asRegister = (token: string) => new ApiClient(server.url, token);

async function pairingCode(code = 'R1', pinAlone = false): Promise<string> {
  const res = await owner.post(`/api/registers/${code}/pairing-code`, { pinAlone });
  expect(res.status).toBe(200);
  return res.body.code;
}

async function pair(code = 'R1', pinAlone = false) {
  const res = await server.anonymous.post('/api/registers/pair', { code: await pairingCode(code, pinAlone) });
  expect(res.status).toBe(200);
  return res.body as { token: string; register: { code: string }; pinAlone: boolean };
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.login('owner', '1111', 'R2');
  cashier = await server.login('anna', '3333', 'R1');
});
afterAll(() => server?.close());

describe('pairing a register', () => {
  it('lists no users to a browser that is not a paired register, whatever it presents', async () => {
    for (const client of [server.anonymous, cashier, owner, asRegister('made-up-register-token-0000000000000000000')]) {
      const res = await client.get('/api/registers/this');
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).not.toMatch(/Anna|anna|Olivia/);
    }
  });

  it('gives pairing codes only to those who manage devices, and a code pairs one browser once', async () => {
    expect((await cashier.post('/api/registers/R1/pairing-code', {})).status).toBe(403);
    expect((await owner.post('/api/registers/R9/pairing-code', {})).status).toBe(404);
    const code = await pairingCode('R1');
    expect(code).toMatch(/^\d{8}$/);
    const first = await server.anonymous.post('/api/registers/pair', { code });
    expect(first.status).toBe(200);
    expect(first.body.register.code).toBe('R1');
    const again = await server.anonymous.post('/api/registers/pair', { code });
    expect([again.status, again.body.error.code]).toEqual([422, 'pairing-code-invalid']);
    const pairing = await server.db.registerPairing.findFirstOrThrow({ where: { register: { code: 'R1' } } });
    // Neither the code nor the token is kept: only their hashes.
    expect(JSON.stringify(pairing)).not.toContain(first.body.token);
    expect(pairing).toMatchObject({ codeHash: null, codeExpiresAt: null, pairedAt: expect.any(Date) });
    expect(await server.db.auditLog.count({ where: { action: { in: ['register-pairing-code', 'register-paired'] } } })).toBe(2);
  });

  it('shows a paired register its cashiers by name only: no logins, roles or PIN hashes, and not deactivated users', async () => {
    const { token } = await pair('R1');
    await server.db.user.update({ where: { login: 'boris' }, data: { active: false } });
    try {
      const res = await asRegister(token).get('/api/registers/this');
      expect(res.status).toBe(200);
      const users = await server.db.user.findMany({ where: { active: true }, orderBy: { name: 'asc' } });
      expect(res.body).toEqual({ register: expect.objectContaining({ code: 'R1' }), pinAlone: false, users: users.map((u) => ({ id: u.id, name: u.name })) });
      const text = JSON.stringify(res.body);
      for (const u of users) expect(text).not.toContain(`"${u.login}"`);
      expect(text).not.toMatch(/scrypt|cashier|owner"|Борис/);
    } finally {
      await server.db.user.update({ where: { login: 'boris' }, data: { active: true } });
    }
  });

  it('stops the old browser when the register is paired again, and any browser when it is unpaired', async () => {
    const old = await pair('R2');
    const fresh = await pair('R2');
    expect((await asRegister(old.token).get('/api/registers/this')).status).toBe(401);
    expect((await asRegister(fresh.token).get('/api/registers/this')).status).toBe(200);
    expect((await cashier.request('DELETE', '/api/registers/R2/pairing')).status).toBe(403);
    expect((await owner.request('DELETE', '/api/registers/R2/pairing')).status).toBe(200);
    expect((await asRegister(fresh.token).get('/api/registers/this')).status).toBe(401);
    expect((await owner.get('/api/registers/pairings')).body.items.find((r: any) => r.code === 'R2')).toMatchObject({ paired: false, pairedAt: null });
  });

  it('backs off wrong pairing codes from one address, without locking out others', async () => {
    const guesser = '127.0.51.7';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await requestFrom(server.url, guesser, 'POST', '/api/registers/pair', { body: { code: String(10_000_000 + i) } })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 423]);
    // The right code from the locked address waits too; from the register's own address it pairs.
    const code = await pairingCode('R1');
    expect((await requestFrom(server.url, guesser, 'POST', '/api/registers/pair', { body: { code } })).status).toBe(423);
    expect((await requestFrom(server.url, '127.0.51.8', 'POST', '/api/registers/pair', { body: { code } })).status).toBe(200);
  });
});

describe('signing in at a paired register', () => {
  it('signs in the tapped user with their PIN, bound to the paired register; a wrong PIN or a user off the tiles is refused alike', async () => {
    const { token } = await pair('R1');
    const register = asRegister(token);
    const anna = await server.db.user.findUniqueOrThrow({ where: { login: 'anna' } });
    const res = await register.post('/api/registers/this/sign-in', { userId: anna.id, pin: '3333' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { login: 'anna' }, register: { code: 'R1' }, token: expect.any(String) });
    const session = await new ApiClient(server.url, res.body.token).get('/api/auth/session');
    expect(session.body.register.code).toBe('R1');

    const wrong = await register.post('/api/registers/this/sign-in', { userId: anna.id, pin: '0000' });
    const stranger = await register.post('/api/registers/this/sign-in', { userId: '0190a0a0-0000-7000-8000-000000000000', pin: '3333' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid-credentials']);
    expect([stranger.status, stranger.body.error.code]).toEqual([401, 'invalid-credentials']);
    // A user's session token is not a register token.
    expect((await new ApiClient(server.url, res.body.token).post('/api/registers/this/sign-in', { userId: anna.id, pin: '3333' })).status).toBe(401);
  });

  it('backs off wrong PINs at a tile as at the sign-in by login', async () => {
    const { token } = await pair('R1');
    const vera = await server.db.user.findUniqueOrThrow({ where: { login: 'vera' } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await requestFrom(server.url, '127.0.52.40', 'POST', '/api/registers/this/sign-in', { body: { userId: vera.id, pin: '9999' }, token })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 423]);
    expect((await requestFrom(server.url, '127.0.52.40', 'POST', '/api/registers/this/sign-in', { body: { userId: vera.id, pin: '5555' }, token })).status).toBe(423);
  });

  it('takes a PIN alone only where the owner allows it, and never a PIN two users share', async () => {
    const tiles = await pair('R1', false);
    const refused = await asRegister(tiles.token).post('/api/registers/this/sign-in', { pin: '3333' });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'pin-alone-not-allowed']);

    const { token, pinAlone } = await pair('R1', true);
    expect(pinAlone).toBe(true);
    const register = asRegister(token);
    expect((await register.get('/api/registers/this')).body.pinAlone).toBe(true);
    const boris = await register.post('/api/registers/this/sign-in', { pin: '4444' });
    expect([boris.status, boris.body.user?.login, boris.body.register?.code]).toEqual([200, 'boris', 'R1']);
    expect((await register.post('/api/registers/this/sign-in', { pin: '8642' })).status).toBe(401);

    // Anna's PIN given to Boris too: neither signs in by it alone, and the owner is told.
    const boris2 = await server.db.user.findUniqueOrThrow({ where: { login: 'boris' } });
    await server.db.user.update({ where: { id: boris2.id }, data: { pinHash: await hashSecret('3333') } });
    try {
      const shared = await register.post('/api/registers/this/sign-in', { pin: '3333' });
      expect([shared.status, shared.body.error.code]).toEqual([401, 'invalid-credentials']);
      expect(await server.db.auditLog.count({ where: { action: 'pin-alone-shared' } })).toBe(1);
    } finally {
      await server.db.user.update({ where: { id: boris2.id }, data: { pinHash: boris2.pinHash } });
    }
  });
});

describe('tiles on the sell screen', () => {
  it('keeps each register its own layout in the owner’s order and colours; a category tile brings its products', async () => {
    const products = await server.db.product.findMany({ where: { kind: 'goods', active: true }, orderBy: { sku: 'asc' }, take: 3 });
    const category = await server.db.category.findFirstOrThrow({ where: { products: { some: { active: true } } } });
    const layout = [
      { productId: products[2].id, colour: '#FFAA00' },
      { categoryId: category.id },
      { productId: products[0].id, colour: '#1d5bd8' },
    ];
    expect((await cashier.put('/api/registers/R1/tiles', { tiles: layout })).status).toBe(403);
    const saved = await owner.put('/api/registers/R1/tiles', { tiles: layout });
    expect(saved.status).toBe(200);

    const shown = (await cashier.get('/api/register/tiles')).body.items;
    expect(shown.map((t: any) => [t.kind, t.product?.id ?? t.category.id, t.colour])).toEqual([
      ['product', products[2].id, '#ffaa00'],
      ['category', category.id, null],
      ['product', products[0].id, '#1d5bd8'],
    ]);
    expect(shown[0].product).toMatchObject({ name: products[2].name, price: products[2].price });
    const inCategory = await server.db.product.findMany({ where: { categoryId: category.id, active: true, kind: { not: 'deposit' } }, orderBy: [{ searchName: 'asc' }, { id: 'asc' }], take: 30 });
    expect(shown[1].products.map((p: any) => p.id)).toEqual(inCategory.map((p) => p.id));
    // Register 2 has a layout of its own (none yet).
    const other = await server.login('vera', '5555', 'R2');
    expect((await other.get('/api/register/tiles')).body.items).toEqual([]);
  });

  it('shows a category holding a product with variants by its variants, and names folded for case', async () => {
    const category = await server.db.category.findFirstOrThrow({ where: { products: { some: { active: true } } }, orderBy: { code: 'desc' } });
    const taxRate = await server.db.taxRate.findFirstOrThrow({ where: { code: 'standard' } });
    // First by name, and a capital and a small letter apart: "aaa…" before "AAB…" as a person reads them.
    const family = await owner.post('/api/products', {
      name: 'AAB tile shirt', sku: 'TILE-SHIRT', taxRateId: taxRate.id, categoryId: category.id, price: 1200, cost: 400,
      options: [{ name: 'Size', values: ['S', 'M'] }],
      variants: [{ values: ['S'], sku: 'TILE-SHIRT-S', price: 1200 }, { values: ['M'], sku: 'TILE-SHIRT-M', price: 1300 }],
    });
    expect(family.status).toBe(201);
    const small = await owner.post('/api/products', { name: 'aaa tile socks', sku: 'TILE-SOCKS', taxRateId: taxRate.id, categoryId: category.id, price: 300, cost: 100 });
    expect(small.status).toBe(201);
    const variants = await server.db.product.findMany({ where: { parentId: family.body.product.id }, orderBy: { searchName: 'asc' } });
    expect(variants).toHaveLength(2);
    expect((await owner.put('/api/registers/R2/tiles', { tiles: [{ categoryId: category.id }] })).status).toBe(200);

    const shown = await server.login('vera', '5555', 'R2').then((vera) => vera.get('/api/register/tiles'));
    expect(shown.status).toBe(200);
    const ids = shown.body.items[0].products.map((p: any) => p.id);
    expect(ids.slice(0, 3)).toEqual([small.body.product.id, ...variants.map((v) => v.id)]);
    expect(ids).not.toContain(family.body.product.id);
    expect((await owner.put('/api/registers/R2/tiles', { tiles: [] })).status).toBe(200);
  });

  it('refuses a tile of an unknown product, a deposit, a bad colour, or one that is both product and category', async () => {
    const before = await server.db.registerTile.count();
    const deposit = await owner.get('/api/pre-orders/deposit-product');
    const product = await server.db.product.findFirstOrThrow({ where: { kind: 'goods' } });
    const category = await server.db.category.findFirstOrThrow();
    const cases: [unknown, number, string][] = [
      [[{ productId: product.id }, { productId: '0190a0a0-0000-7000-8000-000000000001' }], 422, 'body.tiles.1.productId'],
      [[{ productId: deposit.body.id }], 422, 'body.tiles.0.productId'],
      [[{ productId: product.id, colour: 'red' }], 400, 'body.tiles.0.colour'],
      [[{ productId: product.id, categoryId: category.id }], 400, 'body.tiles.0.productId'],
    ];
    for (const [tiles, status, field] of cases) {
      const res = await owner.put('/api/registers/R1/tiles', { tiles });
      expect([res.status, res.body.error.fields?.[0]?.path]).toEqual([status, field]);
    }
    expect(await server.db.registerTile.count()).toBe(before);
  });
});

describe('product search at the register', () => {
  it('finds a name by its words in any order, with short words too', async () => {
    const all = await server.db.product.findMany({ where: { active: true, kind: { not: 'deposit' } }, orderBy: { name: 'asc' } });
    // A Cyrillic name of several words, searched by two of them backwards and cut short.
    const named = all.find((p) => /^[а-яё]{4,} [а-яё]{4,}/i.test(p.name))!;
    const [first, second] = named.searchName.split(' ');
    const holding = (words: string[], limit = 12) => all.filter((p) => words.every((w) => p.searchName.includes(w))).slice(0, limit).map((p) => p.name);
    const expected = holding([second.slice(0, 4), first]);
    expect(expected).toContain(named.name);
    for (const q of [`${second.slice(0, 4)} ${first}`, `${first} ${second.slice(0, 4)}`, `${second.slice(0, 4).toUpperCase()}   ${first}  `]) {
      const res = await cashier.get(`/api/products/search?q=${encodeURIComponent(q)}&limit=12`);
      expect(res.body.items.map((p: any) => p.name), q).toEqual(expected);
    }
    // A word of one or two characters narrows what the longer ones found.
    const sized = all.find((p) => / \d{1,2} /.test(` ${p.searchName} `) && /[a-zа-я]{4,}/.test(p.searchName))!;
    const short = / (\d{1,2}) /.exec(` ${sized.searchName} `)![1];
    const long = /[a-zа-яё]{4,}/.exec(sized.searchName)![0];
    const found = (await cashier.get(`/api/products/search?q=${encodeURIComponent(`${short} ${long}`)}&limit=50`)).body.items.map((p: any) => p.name);
    expect(found).toContain(sized.name);
    expect(found).toEqual(holding([short, long], 50));
  });

  it('follows renamed and archived products at once', async () => {
    const product = await server.db.product.findFirstOrThrow({ where: { kind: 'goods', active: true }, orderBy: { sku: 'desc' } });
    await server.db.product.update({ where: { id: product.id }, data: { name: 'Zzyzx Quince Jam', searchName: 'zzyzx quince jam' } });
    expect((await cashier.get('/api/products/search?q=jam%20zzyzx')).body.items.map((p: any) => p.id)).toEqual([product.id]);
    await server.db.product.update({ where: { id: product.id }, data: { active: false } });
    expect((await cashier.get('/api/products/search?q=jam%20zzyzx')).body.items).toEqual([]);
  });
});
