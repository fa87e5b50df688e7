import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Two linked pseudo-terminals from socat: the product opens one end, the fake device the other. */
export interface PtyPair {
  /** The end the product opens, as a device would appear (/tmp/…/device). */
  device: string;
  /** The end the fake device plays on. */
  peer: string;
  stop(): Promise<void>;
}

/** Starts a pair; given the `device` and `peer` of an earlier pair, brings that device back at the same paths (a replug). */
export async function startPtyPair(at?: { device: string; peer: string }): Promise<PtyPair> {
  const dir = at ? path.dirname(at.device) : fs.mkdtempSync(path.join(os.tmpdir(), 'till-pty-'));
  fs.mkdirSync(dir, { recursive: true });
  const device = at?.device ?? path.join(dir, 'device');
  const peer = at?.peer ?? path.join(dir, 'peer');
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${peer}`], { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) => socat.once('error', (err) => reject(new Error(`socat is needed for serial tests (apt-get install socat): ${err.message}`))));
  const deadline = Date.now() + 5000;
  while (!(fs.existsSync(device) && fs.existsSync(peer))) {
    if (Date.now() > deadline) throw new Error('socat did not create the pseudo-terminals');
    await Promise.race([new Promise((r) => setTimeout(r, 20)), failed]);
  }
  return {
    device,
    peer,
    async stop() {
      if (socat.exitCode === null) {
        const exited = new Promise((r) => socat.once('exit', r));
        socat.kill();
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
