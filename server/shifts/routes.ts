import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OkSchema } from '../../shared/schemas/common.ts';
import {
  CashMovementRequestSchema,
  CloseShiftRequestSchema,
  CurrentShiftResponseSchema,
  OpenShiftRequestSchema,
  ReprintResponseSchema,
  ShiftReportPrintoutSchema,
  ShiftReportSchema,
  ShiftViewSchema,
} from '../../shared/schemas/shifts.ts';
import { z } from 'zod';
import { IdSchema } from '../../shared/schemas/common.ts';
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

  const ShiftParams = z.object({ id: IdSchema });

  app.get('/api/shifts/:id/z-report', {
    config: { permission: 'shift-close' },
    schema: {
      description: 'A closed shift’s Z report, whole, as it was closed: tenders, taxes by rate, discounts by source, returns, deposits, cash movements, counted and expected cash, who counted and when.',
      summary: "A closed shift's Z report as it was closed",
      operationId: 'getZReport',
      tags: ['shifts'],
      params: ShiftParams,
      response: { 200: ShiftReportSchema, ...errorResponses(404, 409) },
    },
    handler: (request) => shifts.zReport(request.params.id),
  });

  app.get('/api/shifts/:id/z-report/printout', {
    config: { permission: 'shift-close' },
    schema: { description: 'The Z report laid out line by line as the register’s receipt printer prints it, in the caller’s language.', summary: "A closed shift's Z as printed", operationId: 'getZReportPrintout', tags: ['shifts'], params: ShiftParams, response: { 200: ShiftReportPrintoutSchema, ...errorResponses(404, 409) } },
    handler: (request) => shifts.zPrintout(callerOf(request), request.params.id),
  });

  app.post('/api/shifts/:id/z-report/print', {
    config: { permission: 'reprint' },
    schema: { summary: "Prints a closed shift's Z again, marked COPY", operationId: 'reprintZReport', tags: ['shifts'], params: ShiftParams, response: { 200: ReprintResponseSchema, ...errorResponses(404, 409) } },
    handler: (request) => shifts.reprintZ(callerOf(request), request.params.id),
  });
};
