import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { newId } from '../../shared/ids.ts';
import { IdParamsSchema, OkSchema } from '../../shared/schemas/common.ts';
import { AddDeviceRequestSchema, ConfiguredDeviceListSchema, ConfiguredDeviceSchema, PrinterModelListSchema } from '../../shared/schemas/devices.ts';
import { loadDeviceConfig } from '../../drivers/config.ts';
import { GENERIC_MODEL_ID, MODEL_ALIASES, MODEL_NAMES, MODELS } from '../../drivers/printers/escpos/models.ts';
import { callerOf } from '../auth/plugin.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { AppError, badRequest, conflict, errorResponses, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { DEVICE_VARIABLES, effectiveEnv, mergeDeviceRows, type DeviceHub } from './hub.ts';

/** Device set-up from the back office: what is configured, adding and removing devices. */
export const deviceSetupRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; devices: DeviceHub | null }> = async (app, { db, outlet, devices }) => {
  const hub = () => {
    if (!devices) throw new AppError(409, 'devices-off', 'This server runs without the device layer');
    return devices;
  };

  app.get('/api/devices/printer-models', {
    config: { permission: 'manage-devices' },
    schema: { summary: 'Receipt printer models from the printer database', description: 'Receipt printer models a device can be set up as, from the printer database.', operationId: 'listPrinterModels', tags: ['devices'], response: { 200: PrinterModelListSchema } },
    handler: async () => ({
      items: Object.values(MODELS).map((m) => ({ id: m.id, name: m.name, columns: m.columns, qr: m.hasQr, confirmsPrinting: m.confirmsPrinting, realtimeDrawer: m.realtimePulse })),
    }),
  });

  app.get('/api/devices/config', {
    config: { permission: 'manage-devices' },
    schema: { summary: 'Devices configured from the environment and the back office', operationId: 'listConfiguredDevices', tags: ['devices'], response: { 200: ConfiguredDeviceListSchema, ...errorResponses(409) } },
    handler: async () => {
      const env = hub().environment;
      const fromEnv = Object.entries(DEVICE_VARIABLES).flatMap(([kind, { variable, list }]) =>
        (list ? (env[variable] ?? '').split(',') : [env[variable] ?? ''])
          .map((uri) => uri.trim())
          .filter(Boolean)
          .map((uri, i) => ({ id: `${variable}-${i + 1}`, kind, name: variable, uri, profile: kind === 'receipt-printer' ? loadDeviceConfig(env).receiptPrinter?.model ?? GENERIC_MODEL_ID : null, source: 'environment' as const })),
      );
      const rows = await db.device.findMany({ where: { enabled: true }, orderBy: { id: 'asc' } });
      return { items: [...fromEnv, ...rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, uri: r.uri, profile: r.kind === 'receipt-printer' ? r.profile : null, source: 'back-office' as const }))] };
    },
  });

  app.post('/api/devices/config', {
    config: { permission: 'manage-devices' },
    schema: { summary: 'Adds a device by URI', operationId: 'addDevice', tags: ['devices'], body: AddDeviceRequestSchema, response: { 201: ConfiguredDeviceSchema, ...errorResponses(409, 422) } },
    handler: async (request, reply) => {
      const devicesHub = hub();
      const { kind, name, uri } = request.body;
      const requested = request.body.profile ?? GENERIC_MODEL_ID;
      if (kind === 'receipt-printer' && !MODEL_NAMES.includes(requested)) {
        throw badRequest('invalid-profile', `Unknown printer model ${requested}`, [{ path: 'body.profile', message: `one of ${MODEL_NAMES.join(', ')}` }], { profile: requested });
      }
      // An old profile name is stored as the model it stands for.
      const profile = MODEL_ALIASES[requested] ?? requested;
      const target = DEVICE_VARIABLES[kind];
      const current = await effectiveEnv(db, devicesHub.environment);
      if (!target.list && current[target.variable]) throw conflict('device-exists', `A ${kind} is already configured; remove it first`, { kind });
      // The device is checked exactly as a start would read it, so what is stored always starts.
      try {
        loadDeviceConfig(mergeDeviceRows(current, [{ kind, uri, profile }]));
      } catch (err) {
        throw badRequest('invalid-device', (err as Error).message, [{ path: 'body.uri', message: (err as Error).message }], { problem: (err as Error).message });
      }
      const id = newId();
      const auth = callerOf(request);
      await db.$transaction(async (tx) => {
        await tx.device.create({ data: { id, name, kind, uri, profile } });
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'device-add', entityType: 'device', entityId: id, details: { kind, uri, profile } });
      });
      await devicesHub.reload();
      return reply.code(201).send({ id, kind, name, uri, profile: kind === 'receipt-printer' ? profile : null, source: 'back-office' as const });
    },
  });

  app.delete('/api/devices/config/:id', {
    config: { permission: 'manage-devices' },
    schema: { summary: 'Removes a device added in the back office', operationId: 'removeDevice', tags: ['devices'], params: IdParamsSchema, response: { 200: OkSchema, ...errorResponses(404, 409) } },
    handler: async (request) => {
      // Without the device layer nothing can be removed: refuse before the row is deleted, not after.
      const devicesHub = hub();
      const auth = callerOf(request);
      await db.$transaction(async (tx) => {
        const row = await tx.device.findUnique({ where: { id: request.params.id } });
        if (!row) throw notFound('device-not-found', 'No such device', [{ path: 'id', message: 'unknown device' }]);
        await tx.device.delete({ where: { id: row.id } });
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'device-remove', entityType: 'device', entityId: row.id, details: { kind: row.kind, uri: row.uri } });
      });
      await devicesHub.reload();
      return { ok: true as const };
    },
  });
};
