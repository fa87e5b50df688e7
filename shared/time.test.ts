import { describe, expect, it } from 'vitest';
import { localTimeIn } from './time.ts';

describe('localTimeIn', () => {
  it('gives the wall-clock time of the zone, not UTC', () => {
    const at = new Date('2026-07-01T21:30:05Z');
    expect(localTimeIn('UTC', at)).toBe('2026-07-01T21:30:05');
    expect(localTimeIn('Europe/Vilnius', at)).toBe('2026-07-02T00:30:05');
    expect(localTimeIn('America/New_York', at)).toBe('2026-07-01T17:30:05');
  });
});
