import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AUDIT_SEGMENTS,
  AuditQuerySchema,
  AuditSegmentPageSchema,
  AuditSegmentParamsSchema,
  AuditSegmentQuerySchema,
  AuditSummarySchema,
  ManagerReportQuerySchema,
  ManagerReportSchema,
  ManagerTargetInputSchema,
  ManagerTargetListSchema,
  ManagerTargetParamsSchema,
  ManagerTargetQuerySchema,
  ManagerTargetSchema,
} from '../../shared/schemas/audit.ts';
import { callerOf } from '../auth/plugin.ts';
import { errorResponses } from '../http/errors.ts';
import type { ClientBaseAudit } from './audit.ts';
import type { ManagerReports } from './manager-report.ts';
import type { CustomerVisibility } from './visibility.ts';

/**
 * The audit of the client base (segments to act on through the routes that assign customers, make
 * tasks and start campaigns) and the manager's report against the owner's monthly targets.
 */
export const clientAuditRoutes: FastifyPluginAsyncZod<{ audit: ClientBaseAudit; reports: ManagerReports; visibility: CustomerVisibility }> = async (app, { audit, reports, visibility }) => {
  app.get('/api/crm/audit', {
    config: { permission: 'backoffice' },
    schema: {
      summary: 'The audit of the client base: how many customers each segment holds',
      description:
        'RFM: customers who bought in the period, each scored 1–5 on recency (last purchase), frequency (receipts) and monetary value (revenue) as 1 + ⌊5 × (buyers with a strictly lower value) ÷ buyers⌋; named champions (R, F, M ≥ 4), loyal (R, F ≥ 3), promising (R ≥ 3), at risk (R ≤ 2, F ≥ 3), hibernating (R = 2), lost (R = 1). ABC by gross profit (the margin report’s): A while the profit of the customers before is under 80 % of the total, B under 95 %, C the rest. Off rhythm: purchases on three days or more and longer since the last than twice the median gap between those days. Lapsed (bought, nothing for lapsedDays) and never bought; no phone, no e-mail, no consent; likely duplicates. Only customers the caller sees.',
      operationId: 'clientBaseAudit',
      tags: ['customers'],
      querystring: AuditQuerySchema,
      response: { 200: AuditSummarySchema },
    },
    handler: async (request) => {
      const result = await audit.run(visibility.seenBy(callerOf(request)), request.query);
      return { from: request.query.from, to: request.query.to, buyers: result.buyers, segments: AUDIT_SEGMENTS.map((segment) => ({ segment, count: result.members.get(segment)?.length ?? 0 })) };
    },
  });

  app.get('/api/crm/audit/:segment', {
    config: { permission: 'backoffice' },
    schema: {
      summary: "A segment's customers with their scores, and every member's id to act on",
      operationId: 'auditSegment',
      tags: ['customers'],
      params: AuditSegmentParamsSchema,
      querystring: AuditSegmentQuerySchema,
      response: { 200: AuditSegmentPageSchema },
    },
    handler: async (request) => {
      const { limit, offset, ...query } = request.query;
      const result = await audit.run(visibility.seenBy(callerOf(request)), query);
      return { segment: request.params.segment, ...audit.page(result, request.params.segment, limit, offset) };
    },
  });

  app.get('/api/crm/manager-report', {
    config: { permission: 'backoffice' },
    schema: {
      summary: "Each manager's customers, interactions, tasks done, new clients, sales and gross profit against their targets",
      description: 'Months from and to inclusive (outlet time). Only the managers whose customers the caller sees: all of them, their department, or themselves.',
      operationId: 'managerReport',
      tags: ['reports'],
      querystring: ManagerReportQuerySchema,
      response: { 200: ManagerReportSchema },
    },
    handler: (request) => reports.report(visibility.seenBy(callerOf(request)), request.query.from, request.query.to),
  });

  app.get('/api/crm/targets', {
    config: { permission: 'backoffice' },
    schema: { summary: "The managers' targets for a month", operationId: 'listManagerTargets', tags: ['reports'], querystring: ManagerTargetQuerySchema, response: { 200: ManagerTargetListSchema } },
    handler: async (request) => ({ items: await reports.targets(visibility.seenBy(callerOf(request)), request.query.month) }),
  });

  app.put('/api/crm/targets/:managerId/:month', {
    config: { permission: 'manage-users' },
    schema: {
      summary: "Sets a manager's sales and gross profit target for a month",
      operationId: 'setManagerTarget',
      tags: ['reports'],
      params: ManagerTargetParamsSchema,
      body: ManagerTargetInputSchema,
      response: { 200: ManagerTargetSchema, ...errorResponses(422) },
    },
    handler: (request) => reports.setTarget(callerOf(request), request.params.managerId, request.params.month, request.body),
  });
};
