import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OkSchema } from '../../shared/schemas/common.ts';
import {
  PairedRegisterSchema,
  PairingCodeRequestSchema,
  PairingCodeSchema,
  PairRequestSchema,
  RegisterCodeParamsSchema,
  RegisterPairingListSchema,
  RegisterSignInViewSchema,
  TileLayoutRequestSchema,
  TileListSchema,
} from '../../shared/schemas/register-touch.ts';
import { callerOf, pairedRegisterOf, registerOf } from '../auth/plugin.ts';
import { clientOf } from '../auth/routes.ts';
import type { AuthService } from '../auth/service.ts';
import { errorResponses } from '../http/errors.ts';
import type { RegisterTouch } from './touch-service.ts';

export const registerTouchRoutes: FastifyPluginAsyncZod<{ touch: RegisterTouch; auth: AuthService; loginRateLimit: number }> = async (app, { touch, auth, loginRateLimit }) => {
  app.get('/api/registers/pairings', {
    config: { permission: 'manage-devices' },
    schema: { summary: "The outlet's registers and whether a browser is paired to each", operationId: 'listRegisterPairings', tags: ['registers'], response: { 200: RegisterPairingListSchema } },
    handler: async () => ({ items: await touch.pairings() }),
  });

  app.post('/api/registers/:code/pairing-code', {
    config: { permission: 'manage-devices' },
    schema: {
      description: 'An 8-digit code, valid for 15 minutes, that the register takes once at POST /api/registers/pair; a new code replaces the last one.',
      summary: 'Gives a one-time code to pair a browser as this register',
      operationId: 'createRegisterPairingCode', tags: ['registers'], params: RegisterCodeParamsSchema, body: PairingCodeRequestSchema, response: { 200: PairingCodeSchema, ...errorResponses(404) },
    },
    handler: (request) => touch.pairingCode(callerOf(request), request.params.code, request.body.pinAlone),
  });

  app.delete('/api/registers/:code/pairing', {
    config: { permission: 'manage-devices' },
    schema: { summary: 'Unpairs the browser paired as this register', operationId: 'deleteRegisterPairing', tags: ['registers'], params: RegisterCodeParamsSchema, response: { 200: OkSchema, ...errorResponses(404) } },
    handler: async (request) => {
      await touch.unpair(callerOf(request), request.params.code);
      return { ok: true as const };
    },
  });

  app.post('/api/registers/pair', {
    config: { public: true, rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: {
      description: 'The browser that sends a valid pairing code becomes the register: it gets the register token to send as its bearer token to the paired-register routes. Wrong codes back off per address and for everyone.',
      summary: 'Pairs this browser as a register with the code from the back office',
      operationId: 'pairRegister', tags: ['registers'], body: PairRequestSchema, response: { 200: PairedRegisterSchema, ...errorResponses(422, 423, 429) },
    },
    handler: (request) => touch.pair(request.body.code, clientOf(request)),
  });

  app.get('/api/registers/this', {
    config: { pairedRegister: true },
    schema: { summary: "A paired register's sign-in screen: its cashiers' names as tiles", operationId: 'getRegisterSignIn', tags: ['registers'], response: { 200: RegisterSignInViewSchema, ...errorResponses(401) } },
    handler: async (request) => {
      const { pinAlone, ...register } = pairedRegisterOf(request);
      return { register, pinAlone, users: await auth.registerUsers() };
    },
  });

  app.get('/api/register/tiles', {
    config: { permission: 'sell' },
    schema: { summary: "The product and category tiles of the caller's register", operationId: 'getRegisterTiles', tags: ['registers'], response: { 200: TileListSchema, ...errorResponses(409) } },
    handler: async (request) => ({ items: await touch.tiles(registerOf(request)) }),
  });

  app.get('/api/registers/:code/tiles', {
    config: { permission: 'manage-devices' },
    schema: { summary: "A register's tiles, for the owner to lay out", operationId: 'listRegisterTiles', tags: ['registers'], params: RegisterCodeParamsSchema, response: { 200: TileListSchema, ...errorResponses(404) } },
    handler: async (request) => ({ items: await touch.tilesOf(request.params.code) }),
  });

  app.put('/api/registers/:code/tiles', {
    config: { permission: 'manage-devices' },
    schema: { summary: "Lays out a register's tiles: products and categories in order, with colours", operationId: 'setRegisterTiles', tags: ['registers'], params: RegisterCodeParamsSchema, body: TileLayoutRequestSchema, response: { 200: TileListSchema, ...errorResponses(404, 422) } },
    handler: async (request) => ({ items: await touch.setTiles(callerOf(request), request.params.code, request.body) }),
  });
};
