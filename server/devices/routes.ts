import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FileSchema, IdParamsSchema, OkSchema } from '../../shared/schemas/common.ts';
import {
  DeviceIdParamsSchema,
  PoleDisplayRequestSchema,
  PoleDisplayResponseSchema,
  DeviceStatusListSchema,
  TestPrintResponseSchema,
  NoSaleRequestSchema,
  PrintJobListSchema,
  PrintJobQuerySchema,
  PrintJobViewSchema,
  type PrintJobView,
} from '../../shared/schemas/devices.ts';
import { callerOf, registerOf } from '../auth/plugin.ts';
import { authorise } from '../auth/service.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { AppError, conflict, errorResponses, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { enqueuePrintJob } from './print-jobs.ts';
import type { DeviceEvent, DeviceHub } from './hub.ts';
import type { ScaleReadings } from './weighings.ts';
import type { WeightReading } from '../../drivers/scales/protocols.ts';

type JobRow = { id: string; deviceId: string; kind: string; documentId: string | null; status: string; copy: boolean; attempts: number; lastError: string | null; createdAt: Date };
const toJobView = (j: JobRow): PrintJobView => ({ ...j, createdAt: j.createdAt.toISOString() });

export const deviceRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; devices: DeviceHub | null; readings: ScaleReadings }> = async (app, { db, outlet, devices, readings }) => {
  // A stable weight goes to the register with the server's ticket, which the weighed sale line carries back.
  const ticketed = (registerCode: string, scaleId: string, reading: WeightReading) =>
    reading.state === 'stable' && reading.grams !== null ? { ...reading, ticket: readings.sign(registerCode, scaleId, reading.grams) } : reading;

  /** Kicks the drawer now; a kick that did not go out is an error the person at the drawer reads. */
  async function kickOrExplain(jobId: string, printer: string): Promise<void> {
    await devices?.kickDrawer(printer);
    const job = await db.printJob.findUniqueOrThrow({ where: { id: jobId }, select: { status: true, lastError: true } });
    if (job.status === 'failed') throw new AppError(503, 'drawer-not-opened', `The drawer did not open: ${job.lastError}`);
  }

  app.get('/api/devices/status', {
    config: { permission: 'authenticated' },
    schema: { summary: 'Every device with its state and queue', operationId: 'getDeviceStatus', tags: ['devices'], response: { 200: DeviceStatusListSchema } },
    handler: async () => ({
      items: (devices ? await devices.statuses() : []).map((d) =>
        d.kind === 'scale' && d.weight && d.registerCode ? { ...d, weight: ticketed(d.registerCode, d.id, d.weight as WeightReading) } : d,
      ),
    }),
  });

  app.get('/api/devices/events', {
    config: { permission: 'sell' },
    schema: {
      description: 'Server-sent events for the signed-in register: codes from its server-side scanners (event "scan"), scale readings ("weight"), whether the drawer opened after its cash sale ("drawer") and device status changes ("status").',
      summary: "The register's scans, scale readings, drawer and device changes as server-sent events",
      operationId: 'streamDeviceEvents',
      tags: ['devices'],
      produces: ['text/event-stream'],
      response: { 200: FileSchema, ...errorResponses(409) },
    },
    handler: async (request, reply) => {
      const registerId = registerOf(request);
      const register = await db.register.findUniqueOrThrow({ where: { id: registerId }, select: { code: true } });
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      reply.raw.write(': connected\n\n');
      const send = (event: DeviceEvent) => {
        if (event.type !== 'status' && event.registerCode !== register.code) return;
        const data =
          event.type === 'scan' ? { code: event.code, scannerId: event.scannerId }
          : event.type === 'weight' ? { scaleId: event.scaleId, ...ticketed(event.registerCode, event.scaleId, event.reading) }
          : event.type === 'drawer' ? { jobId: event.jobId, saleId: event.documentId, opened: event.opened, error: event.error }
          : {};
        reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      devices?.on('event', send);
      // A comment now and then keeps proxies and the browser from closing an idle stream.
      const keepAlive = setInterval(() => reply.raw.write(': ping\n\n'), 15_000);
      request.raw.on('close', () => {
        clearInterval(keepAlive);
        devices?.off('event', send);
      });
    },
  });

  for (const kind of ['zero', 'tare'] as const) {
    app.post(`/api/devices/scale/${kind}`, {
      config: { permission: 'sell' },
      schema: { summary: kind === 'zero' ? "Zeroes the register's scale" : "Tares the register's scale", operationId: kind === 'zero' ? 'zeroScale' : 'tareScale', tags: ['devices'], response: { 200: OkSchema, ...errorResponses(409) } },
      handler: async (request) => {
        const register = await db.register.findUniqueOrThrow({ where: { id: registerOf(request) }, select: { code: true } });
        if (!devices?.scaleCommand(register.code, kind)) throw new AppError(409, 'no-scale', `This register has no scale that can ${kind}`);
        return { ok: true as const };
      },
    });
  }

  app.post('/api/devices/:id/test-print', {
    config: { permission: 'manage-devices' },
    schema: { summary: 'Prints a test page on a printer', operationId: 'printTestPage', tags: ['devices'], params: DeviceIdParamsSchema, response: { 201: TestPrintResponseSchema, ...errorResponses(404) } },
    handler: async (request, reply) => {
      const id = request.params.id;
      if (!devices?.printerIds().includes(id)) throw notFound('device-not-found', `No printer ${id}`, [{ path: 'id', message: 'unknown printer' }]);
      const auth = callerOf(request);
      const job = await db.$transaction(async (tx) => {
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'test-print', entityType: 'device', entityId: id });
        return enqueuePrintJob(db, { deviceId: id, kind: 'test', document: { type: 'test', device: id, requestedBy: auth.userName, at: new Date().toISOString().slice(0, 16).replace('T', ' ') } });
      });
      devices.notify(id);
      return reply.code(201).send({ printJob: job });
    },
  });

  app.post('/api/devices/drawer/open', {
    config: { permission: 'manage-devices' },
    schema: { description: 'Opens the cash drawer from the device set-up page (audited).', summary: 'Opens the cash drawer from the device set-up (audited)', operationId: 'openDrawerFromBackOffice', tags: ['devices'], response: { 200: OkSchema, ...errorResponses(409) } },
    handler: async (request) => {
      const printer = devices?.receiptPrinterFor('') ?? null;
      if (!printer) throw new AppError(409, 'no-drawer', 'No cash drawer is configured');
      const auth = callerOf(request);
      const job = await db.$transaction(async (tx) => {
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'drawer-test', entityType: 'device', entityId: printer });
        return enqueuePrintJob(db, { deviceId: printer, kind: 'drawer', document: { type: 'drawer' } });
      });
      await kickOrExplain(job.id, printer);
      return { ok: true as const };
    },
  });

  app.post('/api/devices/pole-display', {
    config: { permission: 'sell' },
    schema: { summary: "Shows two lines on the register's pole display", operationId: 'showOnPoleDisplay', tags: ['devices'], body: PoleDisplayRequestSchema, response: { 200: PoleDisplayResponseSchema, ...errorResponses(409) } },
    handler: async (request) => {
      const register = await db.register.findUniqueOrThrow({ where: { id: registerOf(request) }, select: { code: true } });
      const shown = await devices?.showOnPole(register.code, request.body.line1, request.body.line2);
      if (shown === null || shown === undefined) throw new AppError(409, 'no-pole-display', 'This register has no pole display');
      return { shown };
    },
  });

  app.get('/api/print-jobs', {
    config: { permission: 'authenticated' },
    schema: { summary: 'Recent print jobs, by status', operationId: 'listPrintJobs', tags: ['devices'], querystring: PrintJobQuerySchema, response: { 200: PrintJobListSchema } },
    handler: async (request) => {
      const rows = await db.printJob.findMany({
        where: request.query.status ? { status: request.query.status } : {},
        orderBy: { createdAt: 'desc' },
        take: request.query.limit,
      });
      return { items: rows.map(toJobView) };
    },
  });

  app.post('/api/print-jobs/:id/retry', {
    config: { permission: 'reprint' },
    schema: {
      description: 'Queues a failed or unknown job again. A receipt whose first attempt may have printed is re-queued as a COPY. A drawer kick that failed is sent again at once, and the answer says whether it went out.',
      summary: 'Queues a failed print job again, or sends a failed drawer kick again',
      operationId: 'retryPrintJob', tags: ['devices'], params: IdParamsSchema, response: { 200: PrintJobViewSchema, ...errorResponses(404, 409) } },
    handler: async (request) => {
      const auth = callerOf(request);
      const job = await db.$transaction(async (tx) => {
        const row = await tx.printJob.findUnique({ where: { id: request.params.id } });
        if (!row) throw notFound('print-job-not-found', 'No such print job');
        if (!['failed', 'unknown'].includes(row.status)) throw conflict('print-job-not-retryable', `The job is ${row.status}`, { status: row.status });
        if (row.kind === 'drawer') {
          // A kick that never reached the drawer: tried again now by a new job; the failed one stays as it was.
          if (row.status !== 'failed') throw conflict('print-job-not-retryable', 'A drawer kick that may have opened the drawer is never repeated: use No sale', { variant: 'drawer' });
          await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'drawer-retry', entityType: 'print-job', entityId: row.id, details: { saleId: row.documentId } });
          return enqueuePrintJob(db, { deviceId: row.deviceId, kind: 'drawer', documentId: row.documentId, document: { type: 'drawer' } });
        }
        // An unknown outcome may have printed: the retry is marked COPY.
        const copy = row.copy || row.status === 'unknown';
        const payload = copy ? JSON.stringify({ ...JSON.parse(row.payload), copy: true }) : row.payload;
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'print-retry', entityType: 'print-job', entityId: row.id, details: { status: row.status } });
        return tx.printJob.update({ where: { id: row.id }, data: { status: 'queued', copy, payload, lastError: null } });
      });
      const retried = await db.printJob.findUniqueOrThrow({ where: { id: job.id } });
      if (retried.kind === 'drawer') {
        await devices?.kickDrawer(retried.deviceId);
        return toJobView(await db.printJob.findUniqueOrThrow({ where: { id: job.id } }));
      }
      devices?.notify(retried.deviceId);
      return toJobView(retried);
    },
  });

  app.post('/api/register/no-sale', {
    config: { permission: 'sell' },
    schema: { summary: 'Opens the drawer without a sale (authorised and audited)', operationId: 'openDrawerNoSale', tags: ['devices'], body: NoSaleRequestSchema, response: { 200: OkSchema, ...errorResponses(409) } },
    handler: async (request) => {
      const auth = callerOf(request);
      const registerId = registerOf(request);
      const printer = devices?.receiptPrinterFor(registerId) ?? null;
      if (!printer || !devices?.hasDrawer(registerId)) throw new AppError(409, 'no-drawer', 'No cash drawer is configured for this register');
      const job = await db.$transaction(async (tx) => {
        const approvedById = await authorise(tx, auth, { action: 'no-sale' }, request.body.approvalId, 'approvalId');
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, approvedById, action: 'no-sale', entityType: 'register', entityId: registerId, details: { reason: request.body.reason } });
        return enqueuePrintJob(db, { deviceId: printer, kind: 'drawer', document: { type: 'drawer' } });
      });
      await kickOrExplain(job.id, printer);
      return { ok: true as const };
    },
  });
};
