import type { FastifyReply } from 'fastify';
import type { Created } from '../db/idempotent-requests.ts';

/** Answers a create keyed by a client-chosen id: 201 with the document just stored, 200 with the one a replay finds. */
export function created<T>(reply: FastifyReply, { view, replayed }: Created<T>): FastifyReply {
  return reply.code(replayed ? 200 : 201).send(view);
}
