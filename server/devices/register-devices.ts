import type { Db } from '../db/client.ts';

/** A register's own choice of devices, by device id (null: what the device URIs say). */
export interface RegisterDeviceChoice {
  id: string;
  code: string;
  receiptPrinterId: string | null;
  scaleId: string | null;
  displayId: string | null;
}

type Placed = 'scaleId' | 'displayId';

/**
 * Which register each scale and customer display serves, and where each register prints, as the
 * owner set the registers up in the back office. A device no register names stands where its URI's
 * `register=` says, so a shop configured by URI alone works as before.
 */
export class RegisterDevices {
  constructor(readonly registers: readonly RegisterDeviceChoice[] = []) {}

  /** The active registers' choices, as stored. */
  static async load(db: Db): Promise<RegisterDevices> {
    return new RegisterDevices(await db.register.findMany({ where: { active: true }, select: { id: true, code: true, receiptPrinterId: true, scaleId: true, displayId: true } }));
  }

  /** The register a scale or display serves: the one naming it, else the one its URI names. */
  registerOf(field: Placed, deviceId: string, uriRegister: string): string {
    return this.registers.find((r) => r[field] === deviceId)?.code ?? uriRegister;
  }

  /** The device of a kind a register uses: the one it names when running, else the first standing at it. */
  pick<T extends { id: string; uriRegister: string }>(field: Placed, registerCode: string, devices: readonly T[]): T | null {
    const named = this.registers.find((r) => r.code === registerCode)?.[field];
    return devices.find((d) => d.id === named) ?? devices.find((d) => this.registerOf(field, d.id, d.uriRegister) === registerCode) ?? null;
  }

  /** The receipt printer a register names, or null for the outlet's. */
  printerOf(registerId: string): string | null {
    return this.registers.find((r) => r.id === registerId)?.receiptPrinterId ?? null;
  }
}
