import { LogController, type FastifyInstance } from 'fastify';

const DOCUMENTS = new Set(['createSale', 'createReturn']);

/**
 * What the log tells at each level: every request at debug (method, route pattern, status, time;
 * never the URL itself, whose query and path may carry a card number or a code), and one line at
 * info per act that changed something (a successful write: who, at which register, which
 * operation, and a sale's or return's number and total). Bodies are never logged.
 */
export function installActivityLog(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 300) return payload;
    const operation = (request.routeOptions.schema as { operationId?: string } | undefined)?.operationId ?? request.routeOptions.url;
    const who = { act: operation, user: request.auth?.login, register: request.auth?.registerId ?? undefined };
    if (DOCUMENTS.has(operation ?? '') && typeof payload === 'string') {
      const { number, total } = JSON.parse(payload) as { number?: string; total?: number };
      request.log.info({ ...who, number, total }, `${operation} ${number}`);
    } else {
      request.log.info(who, operation);
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
}

/** Fastify's own request lines (at info, with the raw URL) are off: installActivityLog logs requests at debug by route. */
export const quietRequests = () => ({ logController: new LogController({ disableRequestLogging: true }) });
