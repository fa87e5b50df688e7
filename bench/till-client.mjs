// A cashier's till in a process of its own: one kept-alive connection, one request at a time (the
// next sent when the last answer is read), so that the timings are not the bench's own event loop,
// heap or scheduling. Started by child_process.fork; gets { url, token, warmUp, timed }, lists of
// requests { label, path, mustFind }, says when the warm-up is done, waits for 'go', and answers, per timed
// request, its label, its round trip and the server's own handling time (the Server-Timing header
// that bench/outlet-server.ts sends).
// Plain JavaScript, like bench/load-worker.mjs.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GET `path`; its status, body and the server's handling time in ms (NaN when the header is missing). */
function get(url, token) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const timing = /dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
        resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), serverMs: timing ? Number(timing[1]) : NaN });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Sends the requests one after another; each one's label, round trip and server handling time. */
async function run(requests) {
  const results = [];
  for (const { label, path, mustFind } of requests) {
    const t0 = process.hrtime.bigint();
    const res = await get(`${url}${path}`, token);
    const roundTripMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.body.slice(0, 200)}`);
    if (mustFind && JSON.parse(res.body).items.length === 0) throw new Error(`${path} found nothing`);
    results.push({ label, roundTripMs, serverMs: res.serverMs });
  }
  return results;
}

let url, token;
process.once('message', async (message) => {
  ({ url, token } = message);
  await run(message.warmUp);
  process.send({ warmedUp: true });
  await new Promise((resolve) => process.once('message', resolve)); // 'go': the server is watching itself
  const results = await run(message.timed);
  agent.destroy();
  process.send({ results }, () => process.exit(0));
});
