/** What the register shows for a printer. */
export type PrinterState = 'online' | 'offline' | 'paper-out' | 'cover-open' | 'error' | 'unknown';

export interface PrinterStatus {
  state: PrinterState;
  paperNearEnd: boolean;
  /** Null when the drawer has no sensor or the printer does not say. */
  drawerOpen: boolean | null;
}

export const UNKNOWN_STATUS: PrinterStatus = { state: 'unknown', paperNearEnd: false, drawerOpen: null };
export const OFFLINE_STATUS: PrinterStatus = { state: 'offline', paperNearEnd: false, drawerOpen: null };

/** A DLE EOT reply byte has the fixed bits 0xx1xx10. */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/**
 * Decodes the replies to DLE EOT 1 (printer), 2 (offline cause) and 4 (paper). `drawerOpenWhen`
 * is the level of bit 2 of status 1 that means "open": it depends on the drawer's switch.
 */
export function decodeStatus(replies: { printer?: number; offline?: number; paper?: number }, drawerOpenWhen: 'high' | 'low' | 'none' = 'none'): PrinterStatus {
  const { printer, offline, paper } = replies;
  if (printer === undefined || !isStatusByte(printer)) return UNKNOWN_STATUS;
  const drawerBit = (printer & 0x04) !== 0;
  const drawerOpen = drawerOpenWhen === 'none' ? null : drawerOpenWhen === 'high' ? drawerBit : !drawerBit;
  const paperOut = paper !== undefined && isStatusByte(paper) && (paper & 0x60) !== 0;
  const paperNearEnd = paper !== undefined && isStatusByte(paper) && (paper & 0x0c) !== 0;
  let state: PrinterState = 'online';
  if (offline !== undefined && isStatusByte(offline)) {
    if (offline & 0x04) state = 'cover-open';
    else if (offline & 0x20 || paperOut) state = 'paper-out';
    else if (offline & 0x40) state = 'error';
    else if (printer & 0x08) state = 'offline';
  } else if (paperOut) state = 'paper-out';
  else if (printer & 0x08) state = 'offline';
  return { state, paperNearEnd, drawerOpen };
}

/** Whether a job may be sent: an unknown status (a printer that never answers) does not hold the queue. */
export function canPrint(status: PrinterStatus): boolean {
  return status.state === 'online' || status.state === 'unknown';
}
