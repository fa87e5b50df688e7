import { v7 as uuidv7 } from 'uuid';

// A sale makes a dozen ids; asking the system for 16 random bytes each time shows up in profiles,
// so random bytes are drawn in blocks. Passing our own bytes to uuid turns off its monotonic
// counter, so the counter is kept here the way uuid keeps it (RFC 9562, method 2).
const BLOCK = 16 * 256;
const pool = new Uint8Array(BLOCK);
let offset = BLOCK;
let lastMsecs = -Infinity;
let seq = 0;

/** A new globally unique, time-ordered id (UUID v7), made where the record is born. */
export function newId(): string {
  if (offset >= BLOCK) {
    crypto.getRandomValues(pool);
    offset = 0;
  }
  const random = pool.subarray(offset, offset + 16);
  offset += 16;
  const now = Date.now();
  if (now > lastMsecs) {
    seq = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
    lastMsecs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMsecs++;
  }
  return uuidv7({ random, msecs: lastMsecs, seq });
}
