import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newId } from '../../shared/ids.ts';
import { ROLES, type Role } from '../../shared/permissions.ts';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { NewUserSchema, SecretResetSchema, UserChangeSchema, UserListSchema, UserViewSchema } from '../../shared/schemas/users.ts';
import { callerOf } from '../auth/plugin.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { AppError, errorResponses, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { hashSecret } from './secrets.ts';
import { signInSubject, type AuthService } from '../auth/service.ts';
import { forgetAttempts } from '../auth/attempts.ts';

const view = (u: { id: string; login: string; name: string; role: string; active: boolean; passwordHash: string | null; locale: string | null }) => ({
  id: u.id,
  login: u.login,
  name: u.name,
  role: u.role as Role,
  active: u.active,
  backOffice: u.passwordHash !== null,
  locale: u.locale,
});

/** No one hands out a role above their own (an owner cannot make a head-office admin). */
function assertCanGrant(callerRole: Role, role: Role, field: string): void {
  if (ROLES.indexOf(role) > ROLES.indexOf(callerRole)) throw new AppError(403, 'role-too-high', `A ${callerRole} cannot give the ${role} role`, [{ path: field, message: 'above your own role' }], { role });
}

/** Users of the outlet: the owner adds them, changes roles, resets PINs and passwords, deactivates; all audited. */
export const userRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; auth: AuthService }> = async (app, { db, outlet, auth: sessions }) => {
  app.get('/api/users', {
    config: { permission: 'manage-users' },
    schema: { summary: 'The users of the outlet', operationId: 'listUsers', tags: ['users'], response: { 200: UserListSchema } },
    handler: async () => ({ items: (await db.user.findMany({ orderBy: [{ active: 'desc' }, { name: 'asc' }] })).map(view) }),
  });

  app.post('/api/users', {
    config: { permission: 'manage-users' },
    schema: { summary: 'Adds a user with a role and a PIN', operationId: 'createUser', tags: ['users'], body: NewUserSchema, response: { 201: UserViewSchema, ...errorResponses(409) } },
    handler: async (request, reply) => {
      const auth = callerOf(request);
      const { login, name, role, pin, password } = request.body;
      assertCanGrant(auth.role, role, 'body.role');
      if (await db.user.findUnique({ where: { login } })) throw new AppError(409, 'login-taken', `The login ${login} is taken`, [{ path: 'body.login', message: 'already used' }], { login });
      const id = newId();
      const created = await db.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { id, outletId: outlet.id, login, name, role, pinHash: await hashSecret(pin), passwordHash: password ? await hashSecret(password) : null } });
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'user-create', entityType: 'user', entityId: id, details: { login, role } });
        return user;
      });
      return reply.code(201).send(view(created));
    },
  });

  app.put('/api/users/:id', {
    config: { permission: 'manage-users' },
    schema: { summary: "Changes a user's name, role or whether they are active", operationId: 'changeUser', tags: ['users'], params: IdParamsSchema, body: UserChangeSchema, response: { 200: UserViewSchema, ...errorResponses(404, 409) } },
    handler: async (request) => {
      const auth = callerOf(request);
      const id = request.params.id;
      const change = request.body;
      if (id === auth.userId && (change.role !== undefined || change.active === false)) {
        throw new AppError(409, 'own-account', 'You cannot change your own role or deactivate yourself', [{ path: change.role !== undefined ? 'body.role' : 'body.active', message: 'ask another owner' }]);
      }
      if (change.role) assertCanGrant(auth.role, change.role, 'body.role');
      return db.$transaction(async (tx) => {
        const before = await tx.user.findUnique({ where: { id } });
        if (!before) throw notFound('user-not-found', 'No such user', [{ path: 'id', message: 'unknown user' }]);
        assertCanGrant(auth.role, before.role as Role, 'id');
        const after = await tx.user.update({ where: { id }, data: change });
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'user-change', entityType: 'user', entityId: id, details: { before: { name: before.name, role: before.role, active: before.active }, after: change } });
        return view(after);
      }).then(async (changed) => {
        // A deactivated user, or one whose role changed, signs in again: open sessions carry the old rights.
        if (change.active === false || change.role !== undefined) await sessions.endSessionsOf(id);
        return changed;
      });
    },
  });

  app.post('/api/users/:id/secrets', {
    config: { permission: 'manage-users' },
    schema: { description: 'Sets a new PIN and/or back-office password (a forgotten one is reset, never shown).', summary: "Sets a user's new PIN or password", operationId: 'resetUserSecrets', tags: ['users'], params: IdParamsSchema, body: SecretResetSchema, response: { 200: z.object({ reset: z.array(z.enum(['pin', 'password'])) }), ...errorResponses(404) } },
    handler: async (request) => {
      const auth = callerOf(request);
      const { pin, password } = request.body;
      const id = request.params.id;
      const reset = await db.$transaction(async (tx) => {
        const user = await tx.user.findUnique({ where: { id } });
        if (!user) throw notFound('user-not-found', 'No such user', [{ path: 'id', message: 'unknown user' }]);
        assertCanGrant(auth.role, user.role as Role, 'id');
        await tx.user.update({ where: { id: user.id }, data: { ...(pin ? { pinHash: await hashSecret(pin) } : {}), ...(password ? { passwordHash: await hashSecret(password) } : {}) } });
        await forgetAttempts(tx, signInSubject(user.login));
        const reset = [...(pin ? (['pin'] as const) : []), ...(password ? (['password'] as const) : [])];
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'user-secret-reset', entityType: 'user', entityId: user.id, details: { reset } });
        return reset;
      });
      // Whoever learnt the old secret is signed out with it; an owner resetting their own keeps this session.
      await sessions.endSessionsOf(id, id === auth.userId ? auth.sessionId : undefined);
      return { reset };
    },
  });
};
