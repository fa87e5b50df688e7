import { createHmac, timingSafeEqual } from 'node:crypto';

/** A link token only this outlet can make: HMAC of the customer and channel with the outlet's secret. */
export function unsubscribeToken(secret: string, customerId: string, channel: string): string {
  return createHmac('sha256', secret).update(`${customerId}:${channel}`).digest('base64url');
}

export function validUnsubscribeToken(secret: string, customerId: string, channel: string, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, customerId, channel));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
