import http from 'node:http';

export interface AddressedAnswer {
  status: number;
  body: any;
  /** The `till_device` cookie the answer set, whole (`till_device=…; Path=/api; HttpOnly; …`). */
  deviceCookie: string | null;
}

/**
 * One JSON request sent from a chosen loopback address: every 127.x.y.z reaches a server on
 * 127.0.0.1, so a test can play several machines of the shop's network (fetch cannot choose).
 */
export function requestFrom(baseUrl: string, address: string, method: string, path: string, options: { body?: unknown; token?: string; cookie?: string } = {}): Promise<AddressedAnswer> {
  const url = new URL(baseUrl + path);
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, localAddress: address, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        const deviceCookie = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('till_device=')) ?? null;
        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null, deviceCookie });
      });
    });
    request.on('error', reject);
    request.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}
