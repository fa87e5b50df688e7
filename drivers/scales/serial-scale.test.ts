import { afterEach, describe, expect, it } from 'vitest';
import { parseDeviceUri } from '../transports/device-uri.ts';
import { FakeScale, type FakeScaleFormat } from '../testing/fake-scale.ts';
import { startPtyPair } from '../testing/pty-pair.ts';
import type { WeightReading } from './protocols.ts';
import { SerialScale } from './serial-scale.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// What the product is set to for each frame format a fake scale sends.
const PROTOCOL_OF: Record<FakeScaleFormat, string> = { toledo: 'toledo', 'mt-sics': 'mt-sics', cas: 'cas', 'cas-22': 'cas', 'toledo-continuous': 'toledo-continuous', radwag: 'radwag' };

async function setUp(format: FakeScaleFormat) {
  const pair = await startPtyPair();
  cleanups.push(() => pair.stop());
  const fake = await FakeScale.open(pair.peer, format);
  const protocol = PROTOCOL_OF[format];
  cleanups.push(() => fake.close());
  const scale = new SerialScale('scale-1', parseDeviceUri(`serial:${pair.device}?baud=9600&protocol=${protocol}`) as never, 30);
  cleanups.push(() => scale.stop());
  scale.start();
  return { fake, scale };
}

function readingWhere(scale: SerialScale, ok: (r: WeightReading) => boolean, timeoutMs = 3000): Promise<WeightReading> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no such reading')), timeoutMs);
    const check = (r: WeightReading) => {
      if (!ok(r)) return;
      clearTimeout(timer);
      scale.off('reading', check);
      resolve(r);
    };
    scale.on('reading', check);
    const now = scale.reading();
    if (now) check(now);
  });
}

describe.each(['toledo', 'mt-sics', 'cas', 'cas-22', 'toledo-continuous', 'radwag'] as const)('a %s scale on a pseudo-terminal', (format) => {
  it('reports the weight settling, then stable, in grams', async () => {
    const { fake, scale } = await setUp(format);
    fake.grams = 740;
    fake.stable = false;
    const moving = await readingWhere(scale, (r) => r.state === 'motion');
    expect(moving.state).toBe('motion');
    fake.grams = 735;
    fake.stable = true;
    expect(await readingWhere(scale, (r) => r.state === 'stable' && r.grams === 735)).toEqual({ state: 'stable', grams: 735 });
    fake.overload = true;
    // RADWAG's frame has no overload form: the scale answers "cannot now".
    const over = format === 'radwag' ? 'error' : 'overload';
    expect((await readingWhere(scale, (r) => r.state === over)).grams).toBeNull();
  });
});

describe('scale commands', () => {
  it('zeroes and tares a Toledo scale', async () => {
    const { fake, scale } = await setUp('toledo');
    await readingWhere(scale, () => true);
    expect(scale.command('zero')).toBe(true);
    expect(scale.command('tare')).toBe(true);
    await expect.poll(() => fake.commands).toEqual(['Z', 'T']);
  });

  it('has no zero command on a streaming CAS scale', async () => {
    const { scale } = await setUp('cas');
    await readingWhere(scale, () => true);
    expect(scale.command('zero')).toBe(false);
  });
});
