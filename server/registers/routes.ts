import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { NewRegisterSchema, OutletIdentitySchema, OutletIdentityViewSchema, RegisterChangeSchema, RegisterListSchema, RegisterSetupViewSchema } from '../../shared/schemas/registers.ts';
import { callerOf } from '../auth/plugin.ts';
import { errorResponses } from '../http/errors.ts';
import type { OutletIdentity } from './outlet-identity.ts';
import type { RegisterService } from './service.ts';

/** The outlet's registers and its own code and name: seen in the back office, set up by the owner. */
export const registerRoutes: FastifyPluginAsyncZod<{ registers: RegisterService; identity: OutletIdentity }> = async (app, { registers, identity }) => {
  app.get('/api/registers', {
    config: { permission: 'backoffice' },
    schema: { summary: "The outlet's registers, retired ones too, and the devices they can name", operationId: 'listRegisters', tags: ['registers'], response: { 200: RegisterListSchema } },
    handler: async () => ({ items: await registers.list(), devices: registers.assignable() }),
  });

  app.post('/api/registers', {
    config: { permission: 'manage-users' },
    schema: { summary: 'Adds a register', operationId: 'createRegister', tags: ['registers'], body: NewRegisterSchema, response: { 201: RegisterSetupViewSchema, ...errorResponses(409, 422) } },
    handler: async (request, reply) => reply.code(201).send(await registers.create(callerOf(request), request.body)),
  });

  app.patch('/api/registers/:id', {
    config: { permission: 'manage-users' },
    schema: { description: "Renames a register or changes the devices it names; its code stays.", summary: 'Renames a register or changes its devices', operationId: 'changeRegister', tags: ['registers'], params: IdParamsSchema, body: RegisterChangeSchema, response: { 200: RegisterSetupViewSchema, ...errorResponses(404, 409, 422) } },
    handler: (request) => registers.update(callerOf(request), request.params.id, request.body),
  });

  app.post('/api/registers/:id/retire', {
    config: { permission: 'manage-users' },
    schema: { description: 'Retires a register without an open shift: nobody signs in at it any more and its sessions end; its shifts and sales stay.', summary: 'Retires a register', operationId: 'retireRegister', tags: ['registers'], params: IdParamsSchema, response: { 200: RegisterSetupViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => registers.retire(callerOf(request), request.params.id),
  });

  app.post('/api/registers/:id/restore', {
    config: { permission: 'manage-users' },
    schema: { summary: 'Brings a retired register back', operationId: 'restoreRegister', tags: ['registers'], params: IdParamsSchema, response: { 200: RegisterSetupViewSchema, ...errorResponses(404) } },
    handler: (request) => registers.restore(callerOf(request), request.params.id),
  });

  app.get('/api/outlet', {
    config: { permission: 'backoffice' },
    schema: { summary: "The outlet's code and name", operationId: 'getOutletIdentity', tags: ['registers'], response: { 200: OutletIdentityViewSchema } },
    handler: async () => identity.view(),
  });

  app.put('/api/outlet', {
    config: { permission: 'manage-users' },
    schema: {
      description: "Sets the outlet's code and name. In a chain the code is head office's (refused here); transfer notes addressed to a former code are still taken.",
      summary: "Sets the outlet's code and name",
      operationId: 'setOutletIdentity',
      tags: ['registers'],
      body: OutletIdentitySchema,
      response: { 200: OutletIdentityViewSchema, ...errorResponses(409) },
    },
    handler: (request) => identity.change(callerOf(request), request.body),
  });
};
