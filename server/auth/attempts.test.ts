import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutletDatabase, type Db } from '../db/client.ts';
import { AttemptCounters, type Counter } from './attempts.ts';

let dir: string;
let db: Db;
let counters: AttemptCounters;
const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-attempts-'));
  db = await openOutletDatabase(`file:${path.join(dir, 'outlet.db')}`);
  counters = new AttemptCounters(db);
});
afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const counter = (subject: string): Counter => ({ subject, source: 'address:10.0.0.7', limit: 5, startsOverOnSuccess: true });
/** Fails an attempt at `at`; 'locked' when it was refused unchecked. */
const fail = (c: Counter, at: number) => counters.begin([c], new Date(at)).then(() => 'counted', (err) => (err.status === 423 ? 'locked' : Promise.reject(err)));

describe('attempt counters', () => {
  it('lock at the limit for five minutes, then double the lock with each failed attempt after it', async () => {
    const c = counter('login:back-off');
    const t0 = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 5; i++) expect(await fail(c, t0)).toBe('counted');
    expect(await fail(c, t0 + minutes(5) - 1)).toBe('locked');
    expect(await fail(c, t0 + minutes(5))).toBe('counted');
    const t1 = t0 + minutes(5);
    expect(await fail(c, t1 + minutes(10) - 1)).toBe('locked');
    expect(await fail(c, t1 + minutes(10))).toBe('counted');
    const t2 = t1 + minutes(10);
    expect(await fail(c, t2 + minutes(20) - 1)).toBe('locked');
    const row = await db.attemptCounter.findUniqueOrThrow({ where: { subject_source: { subject: c.subject, source: c.source } } });
    expect(row.attempts).toBe(7);
    expect(row.lockedUntil!.getTime()).toBe(t2 + minutes(20));
  });

  it('start over after a passed check, or after a quiet day', async () => {
    const c = counter('login:starts-over');
    const t0 = Date.UTC(2030, 1, 1);
    for (let i = 0; i < 4; i++) await fail(c, t0);
    await (await counters.begin([c], new Date(t0))).succeeded();
    for (let i = 0; i < 4; i++) expect(await fail(c, t0)).toBe('counted');
    expect(await fail(c, t0 + 86_400_000)).toBe('counted');
    expect((await db.attemptCounter.findUniqueOrThrow({ where: { subject_source: { subject: c.subject, source: c.source } } })).attempts).toBe(1);
  });

  it('refuse without counting anywhere when one of the counters is locked', async () => {
    const locked = counter('login:one-locked');
    const other: Counter = { subject: 'login:one-locked', source: 'unknown-devices', limit: 20, startsOverOnSuccess: false };
    const t0 = Date.UTC(2030, 2, 1);
    for (let i = 0; i < 5; i++) await counters.begin([locked], new Date(t0));
    expect(await counters.begin([other, locked], new Date(t0)).then(() => 'counted', (err) => err.code)).toBe('locked');
    expect(await db.attemptCounter.findUnique({ where: { subject_source: { subject: other.subject, source: other.source } } })).toBeNull();
  });
});
