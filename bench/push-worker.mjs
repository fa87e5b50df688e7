// Plays the outlets pushing to head office, in its own thread (outlets are other machines): each
// outlet sends its batches in order, all outlets at once. Bodies arrive ready as bytes.
import { parentPort, workerData } from 'node:worker_threads';

const { url, outlets } = workerData; // [{ token, bodies: Uint8Array[] }]
const start = process.hrtime.bigint();
await Promise.all(
  outlets.map(async ({ token, bodies }) => {
    for (const body of bodies) {
      const res = await fetch(`${url}/api/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`push failed: ${res.status} ${text.slice(0, 300)}`);
    }
  }),
);
parentPort.postMessage({ seconds: Number(process.hrtime.bigint() - start) / 1e9 });
