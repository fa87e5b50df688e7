import { newId } from '../../shared/ids.ts';
import type { InteractionInput, TimelineEntry } from '../../shared/schemas/crm.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/client.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import { interactionViews } from './timeline-sources.ts';
import type { Tasks } from './tasks.ts';

/** A few minutes of clock difference between a tablet and the server are not "the future". */
const CLOCK_SLACK_MS = 5 * 60_000;

/** Calls, meetings, notes, e-mails and SMS users log on a customer: written once, corrected by new entries. */
export class Interactions {
  constructor(
    private readonly db: Db,
    private readonly tasks: Tasks,
    private readonly now: () => Date,
  ) {}

  /** Logs an entry on a customer (the one kept, for a merged id), joining the files its author uploaded for it. */
  async log(auth: AuthContext, customerId: string, input: InteractionInput): Promise<TimelineEntry> {
    const now = this.now();
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
    if (occurredAt.getTime() > now.getTime() + CLOCK_SLACK_MS) throw badRequest('interaction-in-future', 'An entry logs what happened: it cannot be in the future (plan it as a task)', [{ path: 'body.occurredAt', message: 'in the future' }]);
    const id = newId();
    await this.db.$transaction(async (tx) => {
      const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { mergedIntoId: true } });
      if (!customer || customer.mergedIntoId) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
      if (input.correctsId) {
        const corrected = await tx.interaction.findUnique({ where: { id: input.correctsId } });
        if (!corrected || corrected.customerId !== customerId) throw badRequest('unknown-interaction', "No such entry on this customer's timeline", [{ path: 'body.correctsId', message: 'unknown entry' }]);
        if (await tx.interaction.findFirst({ where: { correctsId: input.correctsId }, select: { id: true } })) {
          throw new AppError(409, 'interaction-corrected', 'This entry has been corrected already: correct the correction', [{ path: 'body.correctsId', message: 'corrected already' }]);
        }
      }
      await tx.interaction.create({ data: { id, customerId, kind: input.kind, direction: input.direction, occurredAt, userId: auth.userId, subject: input.subject, body: input.body, correctsId: input.correctsId } });
      for (const [i, attachmentId] of input.attachmentIds.entries()) {
        // Only the uploader's own files that no entry holds yet; joined once, never moved.
        const joined = await tx.interactionAttachment.updateMany({ where: { id: attachmentId, uploadedById: auth.userId, interactionId: null }, data: { interactionId: id } });
        if (joined.count !== 1) throw badRequest('unknown-attachment', 'No such uploaded file of yours that is not attached yet', [{ path: `body.attachmentIds.${i}`, message: 'unknown attachment' }]);
      }
      if (input.callBackAt) {
        const name = (await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { name: true } })).name;
        await this.tasks.createFromRule(tx, { origin: 'call-back', originKey: `call-back:${id}`, title: `Call back ${name}`, assigneeId: auth.userId, customerId, dueAt: new Date(input.callBackAt), interactionId: id });
      }
    });
    return (await interactionViews(this.db, [await this.db.interaction.findUniqueOrThrow({ where: { id } })]))[0];
  }
}
