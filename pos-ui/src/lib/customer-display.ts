// What the customer sees on the second screen, sent from the register over a BroadcastChannel:
// the register and its customer display are two windows of one browser on the same machine.

export interface DisplayState {
  locale: string;
  currency: string;
  shop: string;
  lines: { name: string; quantity: string; amount: number }[];
  total: number;
  saved: number;
  customer: string | null;
  /** After payment: the change to give and the receipt number. */
  paid: { change: number; number: string } | null;
}

export function displayChannel(registerCode: string): BroadcastChannel {
  return new BroadcastChannel(`till-customer-display-${registerCode}`);
}
