import fs from 'node:fs';
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

/**
 * Opens a port without losing what the line received while it was closed. serialport flushes the
 * input queue when it opens a port (tcflush in its native open), so a scan waiting there would be
 * gone: it is read first, through a non-blocking descriptor held open until serialport has the port.
 */
export async function openSerialKeepingInput(address: SerialAddress): Promise<{ port: SerialPort; waiting: Buffer }> {
  let fd: number | null = null;
  try {
    fd = fs.openSync(address.path, fs.constants.O_RDONLY | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
  } catch {
    // Not there (yet): openSerial says why.
  }
  const waiting = fd === null ? Buffer.alloc(0) : readWaiting(fd);
  try {
    return { port: await openSerial(address), waiting };
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

function readWaiting(fd: number, limit = 64 * 1024): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(4096);
  while (total < limit) {
    let n = 0;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch {
      break; // EAGAIN: nothing more waiting
    }
    if (n <= 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
  }
  return Buffer.concat(chunks);
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
