import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given: no normalising of dots, slashes or percent-escapes (fetch would). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** One request with the path as-is on a kept-alive connection. */
export function rawRequest(baseUrl: string, { method, path, headers = {}, body }: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, agent, headers: body === undefined ? headers : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: parse(Buffer.concat(chunks).toString('utf8')) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs the requests a few at a time and returns the answers in order. */
export async function rawRequests(baseUrl: string, requests: RawRequest[], parallel = 8): Promise<RawResponse[]> {
  const answers: RawResponse[] = new Array(requests.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < requests.length) {
        const index = next++;
        answers[index] = await rawRequest(baseUrl, requests[index]);
      }
    }),
  );
  return answers;
}

export type LargeBodyAnswer = { answered: 'before-the-body-was-sent'; response: RawResponse } | { answered: 'not-while-the-body-was-incomplete' };

/**
 * Announces a JSON body of `size` bytes but sends only its first `sent` bytes, and waits for an
 * answer: a server that authenticates before reading the body answers; one that reads (and parses)
 * it first waits for the rest, so after `patienceMs` the request is given up.
 */
export function sendPartOfALargeBody(baseUrl: string, method: string, path: string, headers: Record<string, string>, size: number, sent: number, patienceMs = 15_000): Promise<LargeBodyAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, agent: false, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(size) } });
    const giveUp = setTimeout(() => {
      req.destroy();
      resolve({ answered: 'not-while-the-body-was-incomplete' });
    }, patienceMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(giveUp);
        req.destroy();
        resolve({ answered: 'before-the-body-was-sent', response: { status: res.statusCode!, headers: res.headers, body: parse(Buffer.concat(chunks).toString('utf8')) } });
      });
    });
    req.on('error', (err) => {
      clearTimeout(giveUp);
      reject(err);
    });
    req.write(largeJson(size).slice(0, sent));
  });
}

/** `{"documents":"xxx…"}` of exactly `size` bytes: valid JSON that no route's schema accepts. */
export function largeJson(size: number): string {
  const frame = '{"documents":""}';
  return `${frame.slice(0, -2)}${'x'.repeat(size - frame.length)}"}`;
}
