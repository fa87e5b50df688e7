import { describe, expect, it } from 'vitest';
import { addDays, localTimeIn, startOfLocalDay } from './time.ts';

describe('localTimeIn', () => {
  it('gives the wall-clock time of the zone, not UTC', () => {
    const at = new Date('2026-07-01T21:30:05Z');
    expect(localTimeIn('UTC', at)).toBe('2026-07-01T21:30:05');
    expect(localTimeIn('Europe/Vilnius', at)).toBe('2026-07-02T00:30:05');
    expect(localTimeIn('America/New_York', at)).toBe('2026-07-01T17:30:05');
  });
});

describe('startOfLocalDay', () => {
  it('finds local midnight in UTC, in winter and summer time', () => {
    expect(startOfLocalDay('Europe/Vilnius', '2026-11-24').toISOString()).toBe('2026-11-23T22:00:00.000Z');
    expect(startOfLocalDay('Europe/Vilnius', '2026-07-01').toISOString()).toBe('2026-06-30T21:00:00.000Z');
    expect(startOfLocalDay('UTC', '2026-01-01').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
