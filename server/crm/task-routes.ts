import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FileSchema, IdParamsSchema } from '../../shared/schemas/common.ts';
import { BulkTaskInputSchema, BulkTaskResultSchema, MyTasksSchema, TaskDoneSchema, TaskInputSchema, TaskListQuerySchema, TaskListSchema, TaskMoveSchema, TaskViewSchema } from '../../shared/schemas/crm.ts';
import { callerOf } from '../auth/plugin.ts';
import { created } from '../http/created.ts';
import { errorResponses } from '../http/errors.ts';
import type { CrmEvents, TaskDue } from './reminders.ts';
import type { Tasks } from './tasks.ts';

/** Tasks and reminders: make one, "my tasks", done or moved with a note, and the live stream of reminders. */
export const taskRoutes: FastifyPluginAsyncZod<{ tasks: Tasks; events: CrmEvents }> = async (app, { tasks, events }) => {
  app.post('/api/tasks', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Makes a task for someone, due at a date and time, maybe about a customer', operationId: 'createTask', tags: ['tasks'], body: TaskInputSchema, response: { 201: TaskViewSchema, ...errorResponses(404, 422) } },
    handler: async (request, reply) => reply.code(201).send(await tasks.create(callerOf(request), request.body)),
  });

  app.post('/api/tasks/bulk', {
    config: { permission: 'backoffice' },
    schema: {
      summary: 'Makes the same task for many customers: those listed, or all a filter picks',
      description:
        'One transaction for all. Only customers the caller sees: a listed one outside their view is not found (naming its place in the list), a filter picks among those they see; at most 10,000. The id is the idempotency key: the same request again makes no second set (200, replayed); a different one under a used id is refused (409 replay-mismatch).',
      operationId: 'createTasksForCustomers',
      tags: ['tasks'],
      body: BulkTaskInputSchema,
      response: { 200: BulkTaskResultSchema, 201: BulkTaskResultSchema, ...errorResponses(404, 409, 422) },
    },
    handler: async (request, reply) => created(reply, await tasks.createForMany(callerOf(request), request.body)),
  });

  app.get('/api/tasks', {
    config: { permission: 'backoffice' },
    schema: {
      summary: "Tasks of the people whose customers the caller sees, soonest due first",
      description: "Everyone's for a view of all customers, their department's for a head, one's own for staff; an assignee outside that view gives none.",
      operationId: 'listTasks',
      tags: ['tasks'],
      querystring: TaskListQuerySchema,
      response: { 200: TaskListSchema },
    },
    handler: async (request) => ({ items: await tasks.list(callerOf(request), request.query) }),
  });

  app.get('/api/tasks/mine', {
    config: { permission: 'backoffice' },
    schema: { summary: 'My open tasks: overdue, due today and later', operationId: 'myTasks', tags: ['tasks'], response: { 200: MyTasksSchema } },
    handler: (request) => tasks.mine(callerOf(request)),
  });

  app.get('/api/tasks/:id', {
    config: { permission: 'backoffice' },
    schema: { summary: 'A task with what became of it', operationId: 'getTask', tags: ['tasks'], params: IdParamsSchema, response: { 200: TaskViewSchema, ...errorResponses(404) } },
    handler: (request) => tasks.view(callerOf(request), request.params.id),
  });

  app.post('/api/tasks/:id/done', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Marks a task done, with a note (a recurring one comes back)', operationId: 'completeTask', tags: ['tasks'], params: IdParamsSchema, body: TaskDoneSchema, response: { 200: TaskViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => tasks.done(callerOf(request), request.params.id, request.body.note),
  });

  app.post('/api/tasks/:id/move', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Moves a task to another time, saying why', operationId: 'moveTask', tags: ['tasks'], params: IdParamsSchema, body: TaskMoveSchema, response: { 200: TaskViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => tasks.move(callerOf(request), request.params.id, request.body.dueAt, request.body.note),
  });

  app.get('/api/crm/events', {
    config: { permission: 'backoffice' },
    schema: {
      summary: "The signed-in user's reminders as server-sent events",
      description: 'Event "task-due" with { taskId, title, dueAt, customerId } when one of their tasks falls due.',
      operationId: 'streamCrmEvents',
      tags: ['tasks'],
      produces: ['text/event-stream'],
      response: { 200: FileSchema },
    },
    handler: async (request, reply) => {
      const { userId } = callerOf(request);
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      reply.raw.write(': connected\n\n');
      const send = (due: TaskDue) => {
        if (due.userId !== userId) return;
        reply.raw.write(`event: task-due\ndata: ${JSON.stringify({ taskId: due.taskId, title: due.title, dueAt: due.dueAt, customerId: due.customerId })}\n\n`);
      };
      events.on('task-due', send);
      // A comment now and then keeps proxies and the browser from closing an idle stream.
      const keepAlive = setInterval(() => reply.raw.write(': ping\n\n'), 15_000);
      request.raw.on('close', () => {
        clearInterval(keepAlive);
        events.off('task-due', send);
      });
    },
  });
};
