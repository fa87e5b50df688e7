import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OkSchema } from '../../shared/schemas/common.ts';
import {
  CashMovementRequestSchema,
  CloseShiftRequestSchema,
  CurrentShiftResponseSchema,
  OpenShiftRequestSchema,
  ShiftReportSchema,
  ShiftViewSchema,
} from '../../shared/schemas/shifts.ts';
import { callerOf, registerOf } from '../auth/plugin.ts';
import type { ShiftService } from './service.ts';

export const shiftRoutes: FastifyPluginAsyncZod<{ shifts: ShiftService }> = async (app, { shifts }) => {
  app.get('/api/shifts/current', {
    config: { permission: 'sell' },
    schema: { operationId: 'getCurrentShift', tags: ['shifts'], response: { 200: CurrentShiftResponseSchema } },
    handler: async (request) => ({ shift: await shifts.current(registerOf(request)) }),
  });

  app.post('/api/shifts', {
    config: { permission: 'sell' },
    schema: { operationId: 'openShift', tags: ['shifts'], body: OpenShiftRequestSchema, response: { 201: ShiftViewSchema } },
    handler: async (request, reply) =>
      reply.code(201).send(await shifts.openShift(callerOf(request), registerOf(request), request.body.openingFloat)),
  });

  app.post('/api/shifts/current/cash-movements', {
    config: { permission: 'cash-in-out' },
    schema: { operationId: 'addCashMovement', tags: ['shifts'], body: CashMovementRequestSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const { kind, amount, reason } = request.body;
      await shifts.cashMovement(callerOf(request), registerOf(request), kind, amount, reason);
      return { ok: true as const };
    },
  });

  app.get('/api/shifts/current/x-report', {
    config: { permission: 'sell' },
    schema: { operationId: 'getXReport', tags: ['shifts'], response: { 200: ShiftReportSchema } },
    handler: (request) => shifts.xReport(callerOf(request), registerOf(request), false),
  });

  app.post('/api/shifts/current/x-report/print', {
    config: { permission: 'sell' },
    schema: { operationId: 'printXReport', tags: ['shifts'], response: { 200: ShiftReportSchema } },
    handler: (request) => shifts.xReport(callerOf(request), registerOf(request), true),
  });

  app.post('/api/shifts/current/close', {
    config: { permission: 'shift-close' },
    schema: { operationId: 'closeShift', tags: ['shifts'], body: CloseShiftRequestSchema, response: { 200: ShiftReportSchema } },
    handler: (request) => shifts.close(callerOf(request), registerOf(request), request.body.countedCash),
  });
};
