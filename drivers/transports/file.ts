import fs from 'node:fs/promises';
import { constants } from 'node:fs';
import { TransportError } from './tcp.ts';

/**
 * A USB printer-class device file (/dev/usb/lp0): bytes are written to it; it has no status
 * channel, so the printer's state is "unknown" while the file opens and "offline" when it is gone.
 */
export class FileTransport {
  constructor(
    readonly path: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(bytes: Uint8Array): Promise<void> {
    let written = 0;
    const work = (async () => {
      const handle = await fs.open(this.path, constants.O_WRONLY | constants.O_APPEND).catch((err: NodeJS.ErrnoException) => {
        throw new TransportError(`cannot open ${this.path}: ${err.code ?? err.message}`, 0, err.code);
      });
      try {
        while (written < bytes.length) {
          const { bytesWritten } = await handle.write(bytes, written);
          written += bytesWritten;
        }
      } catch (err) {
        throw new TransportError(`write to ${this.path} failed: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, written, (err as NodeJS.ErrnoException).code);
      } finally {
        await handle.close().catch(() => {});
      }
    })();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TransportError(`${this.path} did not take the job in time`, written, 'ETIMEDOUT')), this.timeoutMs);
    });
    try {
      await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether the device file is there and writable (the only status a printer-class file gives). */
  async present(): Promise<boolean> {
    try {
      await fs.access(this.path, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }
}
