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
import { errorResponses } from '../http/errors.ts';

export const shiftRoutes: FastifyPluginAsyncZod<{ shifts: ShiftService }> = async (app, { shifts }) => {
  app.get('/api/shifts/current', {
    config: { permission: 'sell' },
    schema: { summary: "The register's open shift, if any", operationId: 'getCurrentShift', tags: ['shifts'], response: { 200: CurrentShiftResponseSchema, ...errorResponses(409) } },
    handler: async (request) => ({ shift: await shifts.current(registerOf(request)) }),
  });

  app.post('/api/shifts', {
    config: { permission: 'sell' },
    schema: { summary: 'Opens a shift with an opening float', operationId: 'openShift', tags: ['shifts'], body: OpenShiftRequestSchema, response: { 201: ShiftViewSchema, ...errorResponses(409) } },
    handler: async (request, reply) =>
      reply.code(201).send(await shifts.openShift(callerOf(request), registerOf(request), request.body.openingFloat)),
  });

  app.post('/api/shifts/current/cash-movements', {
    config: { permission: 'cash-in-out' },
    schema: { summary: 'Puts cash into the drawer or takes it out, with a reason', operationId: 'addCashMovement', tags: ['shifts'], body: CashMovementRequestSchema, response: { 200: OkSchema, ...errorResponses(409) } },
    handler: async (request) => {
      const { kind, amount, reason } = request.body;
      await shifts.cashMovement(callerOf(request), registerOf(request), kind, amount, reason);
      return { ok: true as const };
    },
  });

  app.get('/api/shifts/current/x-report', {
    config: { permission: 'sell' },
    schema: { summary: "The open shift's figures so far (X report)", operationId: 'getXReport', tags: ['shifts'], response: { 200: ShiftReportSchema, ...errorResponses(409) } },
    handler: (request) => shifts.xReport(callerOf(request), registerOf(request), false),
  });

  app.post('/api/shifts/current/x-report/print', {
    config: { permission: 'sell' },
    schema: { summary: 'Prints the X report', operationId: 'printXReport', tags: ['shifts'], response: { 200: ShiftReportSchema, ...errorResponses(409) } },
    handler: (request) => shifts.xReport(callerOf(request), registerOf(request), true),
  });

  app.post('/api/shifts/current/close', {
    config: { permission: 'shift-close' },
    schema: { summary: 'Closes the shift with the counted cash and gives the Z report', operationId: 'closeShift', tags: ['shifts'], body: CloseShiftRequestSchema, response: { 200: ShiftReportSchema, ...errorResponses(409) } },
    handler: (request) => shifts.close(callerOf(request), registerOf(request), request.body.countedCash),
  });
};
