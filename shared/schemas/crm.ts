import { z } from 'zod';
import { CUSTOMER_SCOPES } from '../permissions.ts';
import { IdSchema } from './common.ts';
import { CustomerFilterSchema } from './customers.ts';

export const CustomerScopeSchema = z.enum(CUSTOMER_SCOPES);

export const DepartmentViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  headId: IdSchema.nullable(),
  headName: z.string().nullable(),
  members: z.array(z.object({ id: IdSchema, name: z.string() })),
});
export type DepartmentView = z.infer<typeof DepartmentViewSchema>;
export const DepartmentListSchema = z.object({ items: z.array(DepartmentViewSchema) });

export const DepartmentInputSchema = z.object({
  name: z.string().trim().min(1).max(80),
  /** The user who heads it (they see the customers its members manage); null: nobody yet. */
  headId: IdSchema.nullable().default(null),
});

/** A user's place in the CRM as the owner sets it. */
export const UserCrmSchema = z.object({
  departmentId: IdSchema.nullable(),
  /** How much of the customer base they see; null: their role's default (all). Owners always see all. */
  customerScope: CustomerScopeSchema.nullable(),
  /** Where their task reminders are mailed; null: shown in the back office only. */
  email: z.email().max(200).nullable().default(null),
});
export type UserCrm = z.infer<typeof UserCrmSchema>;
export const UserCrmViewSchema = UserCrmSchema.extend({ userId: IdSchema, effectiveScope: CustomerScopeSchema });
export const UserCrmListSchema = z.object({ items: z.array(UserCrmViewSchema) });

/** Who can manage customers and do tasks: the active users of this outlet. */
export const CrmPeopleSchema = z.object({ items: z.array(z.object({ id: IdSchema, name: z.string() })) });

/** Gives one customer a manager (null: nobody), and moves their open tasks along. */
export const ManagerAssignmentSchema = z.object({
  managerId: IdSchema.nullable(),
  /** Open tasks about the customer that the previous manager was to do go to the new one too. */
  withOpenTasks: z.boolean().default(true),
});

/**
 * Gives many customers a manager: those listed, or every customer a filter of the customers list
 * picks (a rule: by outlet, category, a region in the address, who manages them now) among those
 * the caller sees.
 */
export const BulkAssignmentSchema = z
  .object({
    managerId: IdSchema.nullable(),
    customerIds: z.array(IdSchema).min(1).max(10_000).optional(),
    filter: CustomerFilterSchema.omit({ consent: true }).optional(),
    withOpenTasks: z.boolean().default(true),
  })
  .refine((v) => (v.customerIds === undefined) !== (v.filter === undefined), { message: 'give either customerIds or a filter', path: ['customerIds'] });
export type BulkAssignment = z.infer<typeof BulkAssignmentSchema>;

export const AssignmentResultSchema = z.object({ assigned: z.number().int(), tasksMoved: z.number().int() });
export type AssignmentResult = z.infer<typeof AssignmentResultSchema>;

/** Largest file kept with an interaction. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** What may be attached, by the type the content shows: pictures, PDF, office documents, audio (a call's recording), plain text. */
export const ATTACHMENT_TYPES = [
  'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
  'audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/mp4', 'audio/x-m4a',
  'text/plain',
] as const;

export const AttachmentViewSchema = z.object({ id: IdSchema, fileName: z.string(), mediaType: z.string(), size: z.number().int() });
export type AttachmentView = z.infer<typeof AttachmentViewSchema>;
export const AttachmentUploadQuerySchema = z.object({ fileName: z.string().trim().min(1).max(200).regex(/^[^/\\\u0000-\u001f]+$/, 'a file name, no folders') });

export const INTERACTION_KINDS = ['call', 'meeting', 'note', 'email', 'sms'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** An entry a user logs on a customer's timeline. */
export const InteractionInputSchema = z.object({
  kind: z.enum(INTERACTION_KINDS),
  /** Calls, e-mails and SMS: whether the customer got in touch (in) or was contacted (out). */
  direction: z.enum(['in', 'out']).nullable().default(null),
  /** When it happened; now by default. Not in the future. */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  subject: z.string().trim().max(200).default(''),
  body: z.string().trim().max(10_000).default(''),
  /** The entry this one corrects (entries are never changed). */
  correctsId: IdSchema.nullable().default(null),
  /** Files uploaded before (POST /api/crm/attachments) by the same user. */
  attachmentIds: z.array(IdSchema).max(10).default([]),
  /** Makes a "call back" task for the one logging it, due then. */
  callBackAt: z.iso.datetime({ offset: true }).optional(),
});
export type InteractionInput = z.infer<typeof InteractionInputSchema>;

/**
 * One entry of a customer's timeline, from whichever source keeps it: the CRM's own entries,
 * campaign and service messages, purchases and returns (visits), pre-orders, invoices.
 */
export const TimelineEntrySchema = z.object({
  id: z.string(),
  source: z.string(),
  /** call | meeting | note | email | sms | visit | return | pre-order | invoice … */
  kind: z.string(),
  at: z.string(),
  /** Who did it: the user, or null for what the system sent. */
  who: z.object({ id: IdSchema, name: z.string() }).nullable(),
  /** What it was, in a line (a subject, a receipt number and total). */
  what: z.string(),
  body: z.string().default(''),
  direction: z.enum(['in', 'out']).nullable().default(null),
  /** Minor units, where the entry is about money (a purchase, an invoice). */
  amount: z.number().int().nullable().default(null),
  /** The document behind it (a sale, a pre-order, an invoice, a campaign message). */
  documentId: z.string().nullable().default(null),
  status: z.string().nullable().default(null),
  correctsId: z.string().nullable().default(null),
  correctedBy: z.string().nullable().default(null),
  attachments: z.array(AttachmentViewSchema).default([]),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
export const TimelineSchema = z.object({ items: z.array(TimelineEntrySchema), next: z.string().nullable() });
export const TimelineQuerySchema = z.object({
  /** Entries before this time (the `next` of the page before). */
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export const TASK_RECURRENCES = ['daily', 'weekly', 'monthly'] as const;

export const TaskInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  /** Who does it: required. */
  assigneeId: IdSchema,
  /** When it is due (date and time). */
  dueAt: z.iso.datetime({ offset: true }),
  customerId: IdSchema.nullable().default(null),
  priority: z.enum(TASK_PRIORITIES).default('normal'),
  /** Comes back after it is done: a day, a week or a month after it was due. */
  recurrence: z.enum(TASK_RECURRENCES).nullable().default(null),
});
export type TaskInput = z.infer<typeof TaskInputSchema>;

/** Most tasks one bulk request makes (and most customers a filter may pick for it). */
export const BULK_TASKS_MAX = 10_000;

/**
 * The same task for many customers: those listed, or every customer a filter of the customers list
 * picks among those the caller sees. The id is the request's key: sent again (a double tap, a retry
 * after a lost answer), it makes no second set.
 */
export const BulkTaskInputSchema = TaskInputSchema.omit({ customerId: true })
  .extend({
    id: IdSchema,
    customerIds: z.array(IdSchema).min(1).max(BULK_TASKS_MAX).optional(),
    filter: CustomerFilterSchema.omit({ consent: true }).optional(),
  })
  .refine((v) => (v.customerIds === undefined) !== (v.filter === undefined), { message: 'give either customerIds or a filter', path: ['customerIds'] });
export type BulkTaskInput = z.infer<typeof BulkTaskInputSchema>;
export type BulkTaskRequest = z.input<typeof BulkTaskInputSchema>;
/** What a bulk request made: how many tasks (as the first time when it is a replay). */
export const BulkTaskResultSchema = z.object({ id: IdSchema, created: z.number().int(), replayed: z.boolean() });
export type BulkTaskResult = z.infer<typeof BulkTaskResultSchema>;

export const TaskViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  dueAt: z.string(),
  priority: z.enum(TASK_PRIORITIES),
  recurrence: z.enum(TASK_RECURRENCES).nullable(),
  status: z.enum(['open', 'done']),
  origin: z.string(),
  assignee: z.object({ id: IdSchema, name: z.string() }),
  /** The customer it is about, if the caller sees them (else null, even when there is one). */
  customer: z.object({ id: IdSchema, name: z.string() }).nullable(),
  doneAt: z.string().nullable(),
  /** What happened to it: made, moved, handed over, done, with notes. */
  events: z.array(z.object({ kind: z.string(), at: z.string(), who: z.string().nullable(), note: z.string(), fromDueAt: z.string().nullable(), toDueAt: z.string().nullable() })),
});
export type TaskView = z.infer<typeof TaskViewSchema>;
/** Tasks of the people whose customers the caller sees: everyone's, their department's, or their own. */
export const TaskListQuerySchema = z.object({
  assigneeId: IdSchema.optional(),
  status: z.enum(['open', 'done']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;
export const TaskListSchema = z.object({ items: z.array(TaskViewSchema) });
export const MyTasksSchema = z.object({ overdue: z.array(TaskViewSchema), today: z.array(TaskViewSchema), later: z.array(TaskViewSchema) });
export const TaskDoneSchema = z.object({ note: z.string().trim().max(2000).default('') });
export const TaskMoveSchema = z.object({ dueAt: z.iso.datetime({ offset: true }), note: z.string().trim().min(1, 'say why it moves').max(2000) });
