import { createContext } from 'svelte';
import type { Register } from './register.ts';

// Each part of the register by context, so a component asks only for what it uses.
export const [useSession, setSession] = createContext<Register['session']>();
export const [usePairing, setPairing] = createContext<Register['pairing']>();
export const [useNotices, setNotices] = createContext<Register['notices']>();
export const [useApprovals, setApprovals] = createContext<Register['approvals']>();
export const [useShift, setShift] = createContext<Register['shift']>();
export const [useCart, setCart] = createContext<Register['cart']>();
export const [useCheckout, setCheckout] = createContext<Register['checkout']>();
export const [useDevices, setDevices] = createContext<Register['devices']>();
export const [useCustomerDisplay, setCustomerDisplay] = createContext<Register['display']>();
export const [useParkedSales, setParkedSales] = createContext<Register['parked']>();
export const [useReturns, setReturns] = createContext<Register['returns']>();
export const [usePreOrders, setPreOrders] = createContext<Register['preOrders']>();
export const [useTiles, setTiles] = createContext<Register['tiles']>();
export const [useDialogs, setDialogs] = createContext<Register['dialogs']>();

/** Provides every part of the register to the components below the caller. */
export function provideRegister(register: Register): void {
  setSession(register.session);
  setPairing(register.pairing);
  setNotices(register.notices);
  setApprovals(register.approvals);
  setShift(register.shift);
  setCart(register.cart);
  setCheckout(register.checkout);
  setDevices(register.devices);
  setCustomerDisplay(register.display);
  setParkedSales(register.parked);
  setReturns(register.returns);
  setPreOrders(register.preOrders);
  setTiles(register.tiles);
  setDialogs(register.dialogs);
}
