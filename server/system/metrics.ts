import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { DeviceStateSchema } from '../../shared/schemas/devices.ts';
import type { BackupService } from '../backups/service.ts';
import type { Db } from '../db/client.ts';
import type { DeviceHub } from '../devices/hub.ts';
import { FileSchema } from '../../shared/schemas/common.ts';

/** The server's figures for Prometheus; one registry per app (tests run many in one process). */
export class Metrics {
  readonly registry = new Registry();
  readonly sales = new Counter({ name: 'till_sales_total', help: 'Sales and returns committed since the start', labelNames: ['kind'] as const, registers: [this.registry] });
  readonly errors = new Counter({ name: 'till_http_errors_total', help: 'Requests answered with an error, by status', labelNames: ['status'] as const, registers: [this.registry] });

  constructor(sources: { db: Db; devices: DeviceHub | null; backups: BackupService }) {
    const { db, devices, backups } = sources;
    // Node's own: event-loop lag (nodejs_eventloop_lag_seconds and its percentiles), memory, handles.
    collectDefaultMetrics({ register: this.registry, prefix: '' });
    new Gauge({
      name: 'till_print_queue_depth',
      help: 'Print jobs waiting (queued or sending) per device',
      labelNames: ['device'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const waiting = await db.printJob.groupBy({ by: ['deviceId'], where: { status: { in: ['queued', 'sending'] } }, _count: { _all: true } });
        for (const row of waiting) this.set({ device: row.deviceId }, row._count._all);
      },
    });
    new Gauge({
      name: 'till_device_state',
      help: 'Each device\'s state: 1 for the state it is in, 0 for the others',
      labelNames: ['device', 'kind', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const device of (await devices?.statuses()) ?? []) {
          for (const state of DeviceStateSchema.options) this.set({ device: device.id, kind: device.kind, state }, device.state === state ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'till_sync_backlog',
      help: 'Documents not yet acknowledged by head office',
      registers: [this.registry],
      async collect() {
        this.set(await db.outboxEntry.count({ where: { ackedAt: null } }));
      },
    });
    new Gauge({
      name: 'till_last_backup_age_seconds',
      help: 'Age of the newest verified backup (+Inf while there is none)',
      registers: [this.registry],
      async collect() {
        const newest = (await backups.status()).backups[0];
        this.set(newest ? (Date.now() - Date.parse(newest.createdAt)) / 1000 : Infinity);
      },
    });
  }

  /** Counts sales and errors from the answers the server gives. */
  install(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode >= 400) this.errors.inc({ status: String(reply.statusCode) });
      if (reply.statusCode === 201 && request.method === 'POST') {
        if (request.routeOptions.url === '/api/sales') this.sales.inc({ kind: 'sale' });
        if (request.routeOptions.url === '/api/returns') this.sales.inc({ kind: 'return' });
      }
    });
  }
}

/**
 * `GET /api/metrics` in Prometheus's text format: for an owner's session, or for a scraper with
 * the token configured as POS_METRICS_TOKEN (the route accepts it in place of a session).
 */
export const metricsRoutes: FastifyPluginAsyncZod<{ metrics: Metrics }> = async (app, { metrics }) => {
  app.get('/api/metrics', {
    config: { permission: 'manage-users', metricsToken: true },
    schema: { summary: 'Sales and error counters, print queues, devices, sync backlog, backup age and event-loop lag for Prometheus', operationId: 'metrics', tags: ['system'], produces: ['text/plain'], response: { 200: FileSchema } },
    handler: async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  });
};
