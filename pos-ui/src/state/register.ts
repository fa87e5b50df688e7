import { Approvals } from './approvals.svelte.ts';
import { Cart } from './cart.svelte.ts';
import { Checkout } from './checkout.svelte.ts';
import { CustomerDisplay } from './customer-display.svelte.ts';
import { Devices } from './devices.svelte.ts';
import { Dialogs } from './dialogs.svelte.ts';
import { Notices } from './notices.svelte.ts';
import { PairedRegisterState } from './paired-register.svelte.ts';
import { ParkedSales } from './parked-sales.svelte.ts';
import { PreOrders } from './pre-orders.svelte.ts';
import { Returns } from './returns.svelte.ts';
import { Session } from './session.svelte.ts';
import { ShiftState } from './shift.svelte.ts';
import { Tiles } from './tiles.svelte.ts';

/** The register's state, one part per concern, wired once; app.svelte provides each part by context. */
export function createRegister() {
  const session = new Session();
  const { api } = session;
  const notices = new Notices();
  const approvals = new Approvals(api, session);
  const cart = new Cart(api, session, approvals, notices);
  const checkout = new Checkout(api, session, cart, approvals, notices);
  const devices = new Devices(api, session);
  const returns = new Returns(api, approvals, checkout);
  return {
    session,
    pairing: new PairedRegisterState(),
    notices,
    approvals,
    shift: new ShiftState(api, session, approvals, notices),
    cart,
    checkout,
    devices,
    display: new CustomerDisplay(api, session, cart, checkout, devices),
    parked: new ParkedSales(api, cart, notices),
    returns,
    preOrders: new PreOrders(api, cart, approvals, returns, notices),
    tiles: new Tiles(api, session),
    dialogs: new Dialogs(),
  };
}

export type Register = ReturnType<typeof createRegister>;
