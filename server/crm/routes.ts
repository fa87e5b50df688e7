import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { AssignmentResultSchema, BulkAssignmentSchema, CrmPeopleSchema, DepartmentInputSchema, DepartmentListSchema, DepartmentViewSchema, ManagerAssignmentSchema, UserCrmListSchema, UserCrmSchema, UserCrmViewSchema } from '../../shared/schemas/crm.ts';
import { callerOf } from '../auth/plugin.ts';
import { errorResponses } from '../http/errors.ts';
import type { CustomerAssignments } from './assignments.ts';
import type { Departments } from './departments.ts';

/** Departments, users' view of the customer base, and who manages which customers. */
export const crmRoutes: FastifyPluginAsyncZod<{ departments: Departments; assignments: CustomerAssignments }> = async (app, { departments, assignments }) => {
  const departmentView = async (id: string) => (await departments.list()).find((d) => d.id === id)!;

  app.get('/api/departments', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Departments with their heads and members', operationId: 'listDepartments', tags: ['crm'], response: { 200: DepartmentListSchema } },
    handler: async () => ({ items: await departments.list() }),
  });

  app.post('/api/departments', {
    config: { permission: 'manage-users' },
    schema: { summary: 'Adds a department', operationId: 'createDepartment', tags: ['crm'], body: DepartmentInputSchema, response: { 201: DepartmentViewSchema, ...errorResponses(409, 422) } },
    handler: async (request, reply) => reply.code(201).send(await departmentView(await departments.create(callerOf(request), request.body))),
  });

  app.put('/api/departments/:id', {
    config: { permission: 'manage-users' },
    schema: { summary: "Renames a department or changes its head", operationId: 'changeDepartment', tags: ['crm'], params: IdParamsSchema, body: DepartmentInputSchema, response: { 200: DepartmentViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request) => {
      await departments.change(callerOf(request), request.params.id, request.body);
      return departmentView(request.params.id);
    },
  });

  app.get('/api/crm/people', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Who can manage customers and do tasks: the active users of this outlet', operationId: 'listCrmPeople', tags: ['crm'], response: { 200: CrmPeopleSchema } },
    handler: async () => ({ items: await departments.people() }),
  });

  app.get('/api/users/crm', {
    config: { permission: 'manage-users' },
    schema: { summary: "Every user's department and view of the customer base", operationId: 'listUserCrm', tags: ['crm'], response: { 200: UserCrmListSchema } },
    handler: async () => ({ items: await departments.users() }),
  });

  app.put('/api/users/:id/crm', {
    config: { permission: 'manage-users' },
    schema: {
      summary: "Sets a user's department and how much of the customer base they see",
      description: 'customerScope: all customers, their department\'s (the customers its members manage; a head sees the departments they head), or their own; null: their role\'s default (all).',
      operationId: 'setUserCrm',
      tags: ['crm'],
      params: IdParamsSchema,
      body: UserCrmSchema,
      response: { 200: UserCrmViewSchema, ...errorResponses(404, 422) },
    },
    handler: async (request) => {
      await departments.setUser(callerOf(request), request.params.id, request.body);
      return (await departments.users()).find((u) => u.userId === request.params.id)!;
    },
  });

  app.put('/api/customers/:id/manager', {
    config: { permission: 'assign-customers' },
    schema: {
      summary: 'Gives a customer a manager, or none',
      description: 'The manager must be an active user of this outlet; the customer one the caller sees. Open tasks about the customer move to the new manager unless withOpenTasks is false.',
      operationId: 'assignCustomerManager',
      tags: ['customers'],
      params: IdParamsSchema,
      body: ManagerAssignmentSchema,
      response: { 200: AssignmentResultSchema, ...errorResponses(404, 422) },
    },
    handler: (request) => assignments.assignOne(callerOf(request), request.params.id, request.body.managerId, request.body.withOpenTasks),
  });

  app.post('/api/customers/assign', {
    config: { permission: 'assign-customers' },
    schema: {
      summary: 'Gives many customers a manager: those listed, or all a filter picks',
      description: 'A filter of the customers list is a rule: by the outlet that registered them, category, a region in the address, who manages them now. Only customers the caller sees are assigned.',
      operationId: 'assignCustomers',
      tags: ['customers'],
      body: BulkAssignmentSchema,
      response: { 200: AssignmentResultSchema, ...errorResponses(404, 422) },
    },
    handler: (request) => assignments.assignMany(callerOf(request), request.body),
  });
};
