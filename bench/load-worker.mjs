// Runs the registers' HTTP traffic in its own thread, so the load generator does not share the
// server's event loop (in a shop the registers are other machines). Sends the bodies until they
// run out or the parent posts 'stop'; with `paceMs`, each register starts a sale only that long
// after it started its last one (a cashier's pace rather than as fast as the server takes them).
// Plain JavaScript: worker threads do not inherit tsx's loader.
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';

const { url, tokens, bodies, paceMs = 0 } = workerData;
let stopped = false;
parentPort.once('message', () => {
  stopped = true;
});
let next = 0;
const latencies = [];
const start = process.hrtime.bigint();
await Promise.all(
  tokens.map(async (token) => {
    while (next < bodies.length && !stopped) {
      const body = bodies[next++];
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${url}/api/sales`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (res.status !== 201) throw new Error(`sale failed: ${res.status} ${text}`);
      const wait = paceMs - Number(process.hrtime.bigint() - t0) / 1e6;
      if (wait > 0) await sleep(wait);
    }
  }),
);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
parentPort.postMessage({ perSecond: latencies.length / seconds, latencies });
