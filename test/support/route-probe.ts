import type { FastifyInstance } from 'fastify';
import { rawRequests, type RawRequest } from './raw-http.ts';

export interface KnownRoute {
  method: string;
  /** As declared, with `:params` and `*`. */
  url: string;
}

/**
 * Every route the server's router knows, read from Fastify's own route tree (`printRoutes`), so a
 * route added anywhere, by any plugin, is in the list without anyone writing it down.
 */
export function routesOf(app: FastifyInstance): KnownRoute[] {
  const routes: KnownRoute[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const node = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!node) continue;
    const depth = node[1].length / 4;
    const url = (depth === 0 ? '' : prefixes[depth - 1]) + node[2];
    prefixes[depth] = url;
    for (const method of node[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

const SAMPLE_PARAMS: Record<string, string> = { number: '42', code: 'A1', entity: 'products' };
const SAMPLE_ID = '01970000-0000-7000-8000-000000000001';

/** The route's URL with plausible values in its parameters (ids as UUIDs), so the route matches. */
export function sampleUrl(url: string): string {
  return url.replace(/:(\w+)/g, (_match, name: string) => SAMPLE_PARAMS[name] ?? (/id$/i.test(name) ? SAMPLE_ID : 'sample')).replace(/\*$/, 'pos-ui/index.html');
}

/**
 * Other spellings of a path that a router or a file server may take for it: percent-encoded
 * letters, an encoded slash, doubled slashes, dot segments (plain and encoded), upper case, a
 * trailing dot, space or slash, and `;params`.
 */
export function spellingsOf(path: string): string[] {
  const [, first, rest] = /^\/([^/]+)(.*)$/.exec(path)!;
  const encodeLetters = (text: string) => text.replace(/[a-z]/gi, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return [
    `/%${first.charCodeAt(0).toString(16)}${first.slice(1)}${rest}`,
    `/${encodeLetters(first)}${rest.replace(/\/([a-z])/gi, (_m, c: string) => `/${encodeLetters(c)}`)}`,
    `/${first}${rest.replace('/', '%2F')}`,
    `/${first}${rest.replace('/', '%2f')}`,
    `/${path}`,
    `/${first}/${rest}`,
    `/./${first}${rest}`,
    `/${first}/.${rest}`,
    `/x/../${first}${rest}`,
    `/x/%2e%2e/${first}${rest}`,
    path.toUpperCase(),
    `${path}.`,
    `${path}%2e`,
    `${path}%20`,
    `${path}/`,
    `${path};jsessionid=x`,
    `/${first};jsessionid=x${rest}`,
  ].filter((spelling) => spelling !== path);
}

const REFUSALS = ['unauthenticated', 'credential-refused'];

function refusal(status: number, body: any, method: string, acceptable: number[]): string | null {
  if (!acceptable.includes(status)) return `${status} ${body?.error?.code ?? JSON.stringify(body)?.slice(0, 80)}`;
  if (method === 'HEAD') return null;
  const error = body?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || typeof error.requestId !== 'string') return `${status} outside the envelope: ${JSON.stringify(body)?.slice(0, 80)}`;
  if (status === 401 && !REFUSALS.includes(error.code)) return `401 ${error.code}`;
  // Only the router's own "no such route", never a handler's "no such customer".
  if (status === 404 && error.code !== 'route-not-found') return `404 ${error.code}`;
  // The public file route refuses non-canonical paths (`//`, `/./`, `/../`) outright.
  if (status === 403 && error.message !== 'Forbidden') return `403 ${error.code}`;
  return null;
}

/**
 * Calls every route in every spelling without a credential, and in the spellings that decode to
 * the route itself with each of `credentials` (wrong, revoked, another scheme). Returns each answer
 * that is not a refusal: a spelling that decodes to the route must get 401; any other spelling 401
 * or "no such route" (404), or the file server's refusal of a non-canonical path (403).
 */
export async function probeWithoutAccess(baseUrl: string, routes: KnownRoute[], credentials: Record<string, string>): Promise<string[]> {
  const calls: { request: RawRequest; credential: string; acceptable: number[] }[] = [];
  for (const { method, url } of routes) {
    const path = sampleUrl(url);
    const [encoded, allEncoded, ...others] = spellingsOf(path);
    const body = method === 'GET' || method === 'HEAD' ? undefined : '{}';
    // The absolute form of the request target, as sent to a proxy, reaches the route too.
    for (const spelling of [path, encoded, allEncoded, `${baseUrl}${path}`]) {
      calls.push({ request: { method, path: spelling, body }, credential: 'none', acceptable: [401] });
      for (const [credential, authorization] of Object.entries(credentials)) {
        calls.push({ request: { method, path: spelling, body, headers: { authorization } }, credential, acceptable: [401] });
      }
    }
    for (const spelling of others) calls.push({ request: { method, path: spelling, body }, credential: 'none', acceptable: [401, 404, 403] });
  }
  const answers = await rawRequests(baseUrl, calls.map((c) => c.request));
  return calls.flatMap(({ request, credential, acceptable }, i) => {
    const wrong = refusal(answers[i].status, answers[i].body, request.method, acceptable);
    return wrong ? [`${request.method} ${request.path} (credential: ${credential}) → ${wrong}`] : [];
  });
}
