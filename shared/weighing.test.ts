import { describe, expect, it } from 'vitest';
import { WeighingGuard } from './weighing.ts';

describe('WeighingGuard', () => {
  it('takes only a stable, non-zero weight within range', () => {
    const guard = new WeighingGuard({ minGrams: 20, maxGrams: 15_000, zeroBandGrams: 5 });
    expect(guard.verdict({ state: 'motion', grams: 735 })).toEqual({ ok: false, reason: 'unstable' });
    expect(guard.verdict({ state: 'stable', grams: 3 })).toEqual({ ok: false, reason: 'empty' });
    expect(guard.verdict({ state: 'overload', grams: null })).toEqual({ ok: false, reason: 'too-heavy' });
    expect(guard.verdict({ state: 'stable', grams: 16_000 })).toEqual({ ok: false, reason: 'too-heavy' });
    expect(guard.verdict({ state: 'stable', grams: 735 })).toEqual({ ok: true, grams: 735 });
  });

  it('needs the scale back at zero before the next item', () => {
    const guard = new WeighingGuard();
    guard.taken();
    expect(guard.verdict({ state: 'stable', grams: 735 })).toEqual({ ok: false, reason: 'not-zeroed' });
    guard.observe({ state: 'stable', grams: 0 });
    expect(guard.verdict({ state: 'stable', grams: 512 })).toEqual({ ok: true, grams: 512 });
  });
});
