import { newId } from '../../shared/ids.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ApiClient } from '../support/api-client.ts';
import { requestFrom } from '../support/from-address.ts';

// The server runs in this process: watching the real verify function shows which hash each
// sign-in is checked against, without timing anything.
vi.mock('../../server/users/secrets.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../server/users/secrets.ts')>();
  return { ...real, verifySecret: vi.fn(real.verifySecret) };
});
const { verifySecret } = await import('../../server/users/secrets.ts');
const verified = vi.mocked(verifySecret);

let server: TestServer;
let owner: ApiClient;

const signIn = (address: string, body: Record<string, string>, cookie?: string) => requestFrom(server.url, address, 'POST', '/api/auth/login', { body, cookie });
const withoutRequestId = (body: any) => ({ ...body.error, requestId: undefined });

async function newUser(login: string, role: string, pin: string, password?: string): Promise<string> {
  const res = await owner.post('/api/users', { login, name: login, role, pin, ...(password ? { password } : {}) });
  expect(res.status).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.login('owner', '1111');
});
afterAll(() => server?.close());

describe('the lock-out under attack', () => {
  it('checks at most five PINs of fifteen wrong ones sent at once, then refuses even the right PIN', async () => {
    verified.mockClear();
    const burst = await Promise.all(Array.from({ length: 15 }, () => server.anonymous.post('/api/auth/login', { login: 'vera', pin: '0000' })));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 423)).toHaveLength(10);
    expect(verified).toHaveBeenCalledTimes(5);
    const right = await server.anonymous.post('/api/auth/login', { login: 'vera', pin: '5555' });
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('locked');
    expect(await server.db.auditLog.count({ where: { action: 'user-locked-out', entityType: 'user' } })).toBe(1);
  });

  it('answers an approval by a right PIN without the right exactly as a wrong PIN, and counts it toward the sign-in lock-out', async () => {
    await newUser('petra', 'cashier', '6161');
    const cashier = await server.login('boris', '4444');
    // An approval names what it approves: 10 % off one sale.
    const discountAct = { action: 'manual-discount', documentId: newId(), valueBp: 1000 };
    const rightPinNoRight = await cashier.post('/api/approvals', { ...discountAct, login: 'petra', pin: '6161' });
    const wrongPin = await cashier.post('/api/approvals', { ...discountAct, login: 'petra', pin: '0000' });
    expect(rightPinNoRight.status).toBe(wrongPin.status);
    expect(withoutRequestId(rightPinNoRight.body)).toEqual(withoutRequestId(wrongPin.body));
    expect(rightPinNoRight.status).not.toBe(200);
    // Three more right PINs make five attempts: a right PIN that lacks the right never starts the count over.
    for (let i = 0; i < 3; i++) expect((await cashier.post('/api/approvals', { ...discountAct, login: 'petra', pin: '6161' })).status).toBe(wrongPin.status);
    expect((await cashier.post('/api/approvals', { ...discountAct, login: 'petra', pin: '6161' })).status).toBe(423);
    // The approvals and the sign-in share one lock-out.
    expect((await server.anonymous.post('/api/auth/login', { login: 'petra', pin: '6161' })).status).toBe(423);
    expect(await server.db.approval.count()).toBe(0);
    // The cashier asking is still signed in: a refused approval is not their session failing.
    expect((await cashier.get('/api/auth/session')).status).toBe(200);
  });

  it('checks unknown and inactive logins, and a password a user does not have, against a dummy hash as costly as a real one', async () => {
    const userId = await newUser('gone', 'cashier', '7171');
    expect((await owner.put(`/api/users/${userId}`, { active: false })).status).toBe(200);
    const userHashes = (await server.db.user.findMany()).flatMap((u) => [u.pinHash, u.passwordHash]);
    const realHash = (await server.db.user.findUniqueOrThrow({ where: { login: 'boris' } })).pinHash;

    const tries = [
      { login: 'boris', pin: '0000' },
      { login: 'nobody', pin: '0000' },
      { login: 'gone', pin: '7171' },
      { login: 'boris', password: 'not-a-password-he-has' },
    ];
    const answers = [];
    const checkedAgainst: string[] = [];
    for (const body of tries) {
      verified.mockClear();
      answers.push(await server.anonymous.post('/api/auth/login', body));
      expect(verified, JSON.stringify(body)).toHaveBeenCalledTimes(1);
      checkedAgainst.push(verified.mock.calls[0][1]);
    }
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([401]));
    expect(new Set(answers.map((a) => JSON.stringify(withoutRequestId(a.body)))).size).toBe(1);
    expect(checkedAgainst[0]).toBe(realHash);
    const [dummy] = checkedAgainst.slice(1);
    expect(checkedAgainst.slice(1)).toEqual([dummy, dummy, dummy]);
    expect(userHashes).not.toContain(dummy);
    // Same scheme and cost parameters as a real hash: scrypt, N=16384, r=8, p=1.
    expect(dummy.split('$').slice(0, 4)).toEqual(realHash.split('$').slice(0, 4));
  });
});

describe('a reset PIN or password', () => {
  it('ends the open sessions of the user whose PIN or password was reset', async () => {
    const ruta = await newUser('ruta', 'cashier', '6060');
    const atRegister = await server.login('ruta', '6060');
    expect((await owner.post(`/api/users/${ruta}/secrets`, { pin: '6161' })).status).toBe(200);
    expect((await atRegister.get('/api/auth/session')).status).toBe(401);
    expect((await server.anonymous.post('/api/auth/login', { login: 'ruta', pin: '6060' })).status).toBe(401);
    expect((await server.login('ruta', '6161')).token).toBeTruthy();

    const karl = await newUser('karl', 'manager', '6262', 'karl-first-pass');
    const backOffice = await server.anonymous.post('/api/auth/login', { login: 'karl', password: 'karl-first-pass' });
    expect(backOffice.status).toBe(200);
    const karlClient = new ApiClient(server.url, backOffice.body.token);
    expect((await owner.post(`/api/users/${karl}/secrets`, { password: 'karl-second-pass' })).status).toBe(200);
    expect((await karlClient.get('/api/auth/session')).status).toBe(401);
  });

  it('keeps the session of an owner who resets their own password, and ends their others', async () => {
    await newUser('olga', 'owner', '6363', 'olga-first-pass');
    const here = await server.login('olga', '6363', 'R1');
    const elsewhere = await server.login('olga', '6363', 'R2');
    const me = (await here.get('/api/auth/session')).body.user.id;
    expect((await here.post(`/api/users/${me}/secrets`, { password: 'olga-second-pass' })).status).toBe(200);
    expect((await here.get('/api/auth/session')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/session')).status).toBe(401);
  });
});

describe("an outsider's wrong PINs for the owner", () => {
  it("lock out the outsider's address, never the owner's password sign-in from the back office they used before", async () => {
    // The owner's back office browser signed in before and holds its device cookie.
    const backOffice = await signIn('127.0.0.1', { login: 'owner', password: 'owner-demo-pass' });
    expect(backOffice.status).toBe(200);
    const deviceCookie = backOffice.deviceCookie?.split(';')[0];

    const outsider = [];
    for (let i = 0; i < 6; i++) outsider.push((await signIn('127.0.0.2', { login: 'owner', pin: String(1000 + i) })).status);
    expect(outsider).toEqual([401, 401, 401, 401, 401, 423]);
    // Another machine that never signed in as the owner is not locked by the outsider's address.
    expect((await signIn('127.0.0.3', { login: 'owner', password: 'owner-demo-pass' })).status).toBe(200);

    // Many addresses together: every device the owner never used backs off, the owner's own do not.
    const spread = [];
    for (const address of ['127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8']) {
      for (let i = 0; i < 5; i++) spread.push((await signIn(address, { login: 'owner', pin: String(2000 + i) })).status);
    }
    expect(spread.slice(-5)).toEqual([423, 423, 423, 423, 423]);
    expect((await signIn('127.0.0.9', { login: 'owner', password: 'owner-demo-pass' })).status).toBe(423);
    expect((await signIn('127.0.0.1', { login: 'owner', password: 'owner-demo-pass' }, deviceCookie)).status).toBe(200);
    // The owner's known browser is counted on its own, wherever it is, even at an address the outsider locked.
    expect((await signIn('127.0.0.2', { login: 'owner', password: 'owner-demo-pass' }, deviceCookie)).status).toBe(200);
    // Only the server reads the cookie, and only this site sends it.
    expect(backOffice.deviceCookie).toMatch(/; HttpOnly/i);
    expect(backOffice.deviceCookie).toMatch(/; SameSite=Strict/i);
  });
});
