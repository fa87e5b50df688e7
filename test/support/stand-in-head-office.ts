import http from 'node:http';

/**
 * A stand-in for head office's sync endpoints on a random local port: a wrong credential is 401,
 * a pull finds nothing, and each push's body goes to `onPush`, which answers it (or, answering
 * `'down'` from `down()`, every request is 503 first).
 */
export async function startStandInHeadOffice(
  token: string,
  onPush: (body: string, res: http.ServerResponse) => void,
  down: () => boolean = () => false,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
      if (down()) return void res.writeHead(503).end('{"error":{"code":"unavailable"}}');
      if (req.url?.startsWith('/api/sync/pull')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"changes":[],"cursor":0,"more":false}');
      onPush(body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
