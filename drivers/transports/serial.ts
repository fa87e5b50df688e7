import { SerialPort } from 'serialport';
import { TransportError } from './tcp.ts';
import type { DeviceAddress } from './device-uri.ts';

type SerialAddress = Extract<DeviceAddress, { transport: 'serial' }>;

/** Opens a serial port; the promise fails soft with a TransportError (unplugged, busy, no such port). */
export function openSerial(address: SerialAddress): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort(
      { path: address.path, baudRate: address.baudRate, dataBits: address.dataBits, parity: address.parity, stopBits: address.stopBits, autoOpen: false },
    );
    port.open((err) => (err ? reject(new TransportError(`cannot open ${address.path}: ${err.message}`, 0, 'EOPEN')) : resolve(port)));
  });
}

function close(port: SerialPort): Promise<void> {
  return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
}

/**
 * A receipt printer on a serial line: the port is opened per job (an unplugged printer is found
 * at the next job, not by a dead handle) and DLE EOT status is read back on the same line.
 */
export class SerialTransport {
  constructor(
    readonly address: SerialAddress,
    private readonly writeTimeoutMs = 10_000,
  ) {}

  async send(bytes: Uint8Array): Promise<void> {
    const port = await openSerial(this.address);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new TransportError('serial write timed out', bytes.length, 'ETIMEDOUT')), this.writeTimeoutMs);
        port.write(Buffer.from(bytes), (err) => {
          if (err) {
            clearTimeout(timer);
            reject(new TransportError(`serial write failed: ${err.message}`, 0, 'EWRITE'));
            return;
          }
          port.drain((drainErr) => {
            clearTimeout(timer);
            if (drainErr) reject(new TransportError(`serial drain failed: ${drainErr.message}`, bytes.length, 'EDRAIN'));
            else resolve();
          });
        });
      });
    } finally {
      await close(port);
    }
  }

  async query(requests: Uint8Array[], replyTimeoutMs = 500): Promise<(number | undefined)[]> {
    const port = await openSerial(this.address);
    const received: number[] = [];
    let wake: (() => void) | null = null;
    port.on('data', (chunk: Buffer) => {
      received.push(...chunk);
      wake?.();
    });
    const replies: (number | undefined)[] = [];
    try {
      for (const request of requests) {
        port.write(Buffer.from(request));
        if (received.length === 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, replyTimeoutMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
        replies.push(received.shift());
      }
    } finally {
      await close(port);
    }
    return replies;
  }
}
