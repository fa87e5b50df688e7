import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { AUDIT_SEGMENTS } from '../../shared/schemas/audit.ts';
import { addDays } from '../../shared/time.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { EventStreamClient } from '../support/event-stream.ts';
import { localTimeIn } from '../../shared/time.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * Who sees which customers, tried on every customer route the served OpenAPI document has: as a
 * manager who sees only their own customers (staff), a department head, and the owner. The routes
 * come from the document (every operation whose tag or path is about customers, and reports and
 * campaigns), so a route added later is called here too, and one this test does not know how to
 * call fails it. Each answer, as text, is searched for every customer the caller may not see: their
 * id and name (outside the register's routes), their e-mail, whole phone and card (anywhere).
 */
type Caller = 'staff' | 'head' | 'owner';
interface Answer {
  status: number;
  text: string;
  /** The base customers the answer lists, where the route lists customers: must be exactly those seen (of the ones it could list). */
  listed?: { ids: string[]; among: number[] };
}
interface Known {
  /** 'register': a customer outside the view may show as the register shows them (name, last four); 'hidden': not at all. */
  mode: 'register' | 'hidden';
  call(as: Caller): Promise<Answer[]>;
}
interface Client {
  id: string;
  name: string;
  email: string;
  phone: string;
  card: string;
}

/** The outlet's own day (its reports are by local days: near midnight UTC the two differ). */
let today = '';
let server: TestServer;
const api = {} as Record<Caller, ApiClient>;
const userId = {} as Record<Caller | 'staff2', string>;
let base: Client[];
let preOrders: { id: string; customer: number }[];
let ownerCampaign: string;
/** A task the owner gave each caller about a customer they do not see (customer 4 or 5). */
const taskFor = {} as Record<Caller, string>;
/** The funnel's two statuses. */
const funnel = [{ id: newId(), name: 'Lead' }, { id: newId(), name: 'Client' }];
/** A file on an entry of customers 0, 4 and 5, by customer id. */
const fileOf = new Map<string, string>();
const ALL = Array.from({ length: 20 }, (_, i) => i);
/** Customers by index: 0–3 the staff member's, 4–6 another department's (staff2), 7–8 the head's own, the rest nobody's. */
const SEEN: Record<Caller, number[]> = { staff: [0, 1, 2, 3], head: [0, 1, 2, 3, 7, 8], owner: ALL };

const text = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));
const answer = (res: { status: number; body: unknown }, listed?: Answer['listed']): Answer => ({ status: res.status, text: text(res.body), ...(listed ? { listed } : {}) });
const idsIn = (values: string[]) => base.map((c) => c.id).filter((id) => values.includes(id));
const idsNamedIn = (body: string) => base.filter((c) => body.includes(c.name)).map((c) => c.id);
const outOf = (as: Caller) => ALL.find((i) => !SEEN[as].includes(i))!;
const upload = async (as: Caller, path: string, csv: string) => {
  const res = await fetch(`${server.url}${path}?fileName=base.csv`, { method: 'POST', headers: { authorization: `Bearer ${api[as].token}`, 'content-type': 'text/csv' }, body: csv });
  return { status: res.status, body: await res.text() };
};
/** The same request for a customer the caller sees and one they do not. */
const both = (as: Caller) => [base[SEEN[as][0]], base[as === 'owner' ? 5 : outOf(as)]];

const KNOWN: Record<string, Known> = {
  // Invoicing and contracts: lists hold the customers seen; another customer's document or account is not found.
  listInvoices: { mode: 'hidden', call: (as) => listedRoute(as, '/api/invoices?limit=500', (b) => b.items.map((i: { customer: { id: string } }) => i.customer.id)) },
  getInvoice: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].get(`/api/invoices/${billed.get(c)!.invoice}`), 200) },
  getInvoicePdf: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].get(`/api/invoices/${billed.get(c)!.invoice}/pdf`), 200) },
  getInvoiceUbl: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].get(`/api/invoices/${billed.get(c)!.invoice}/ubl`), 200) },
  createInvoiceDraft: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].post('/api/invoices', draftOf(c)), 201) },
  updateInvoiceDraft: { mode: 'hidden', call: (as) => pairRoute(as, async (c) => api[as].put(`/api/invoices/${await ownerDraft(c)}`, draftOf(c)), 200) },
  deleteInvoiceDraft: { mode: 'hidden', call: (as) => pairRoute(as, async (c) => api[as].request('DELETE', `/api/invoices/${await ownerDraft(c)}`), 200) },
  issueInvoice: { mode: 'hidden', call: (as) => pairRoute(as, async (c) => api[as].post(`/api/invoices/${await ownerDraft(c)}/issue`, {}), 200) },
  issueCreditNote: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].post(`/api/invoices/${billed.get(c)!.invoice}/credit-notes`, { id: newId(), reason: `Credited by ${as}`, lines: [{ position: 1, quantityMilli: 1000 }] }), 201) },
  remindOfInvoice: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].post(`/api/invoices/${billed.get(c)!.invoice}/reminder`), 200) },
  listInvoicePayments: { mode: 'hidden', call: (as) => listedRoute(as, '/api/invoice-payments?limit=500', (b) => b.items.map((p: { customerId: string }) => p.customerId)) },
  recordInvoicePayment: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].post('/api/invoice-payments', { id: newId(), customerId: c.id, method: 'bank-transfer', amount: 100, day: today }), 201) },
  allocateAdvance: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].post(`/api/customers/${c.id}/advance-allocations`, { allocations: [{ invoiceId: billed.get(c)!.invoice, amount: 1 }] }), 200) },
  getCustomerAccount: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].get(`/api/customers/${c.id}/account`), 200) },
  listUninvoicedReceipts: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].get(`/api/customers/${c.id}/uninvoiced-receipts?from=2026-01-01&to=2026-12-31`), 200) },
  getCustomerStatement: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].get(`/api/customers/${c.id}/statement?from=${today}&to=${today}`), 200) },
  getCustomerStatementPdf: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].get(`/api/customers/${c.id}/statement.pdf?from=${today}&to=${today}`), 200) },
  getReceivablesReport: { mode: 'hidden', call: (as) => listedRoute(as, '/api/reports/receivables', (b) => b.rows.map((r: { customerId: string }) => r.customerId)) },
  listContracts: { mode: 'hidden', call: (as) => listedRoute(as, '/api/contracts', (b) => b.items.map((c: { customer: { id: string } }) => c.customer.id)) },
  getContract: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].get(`/api/contracts/${billed.get(c)!.contract}`), 200) },
  getContractPdf: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].get(`/api/contracts/${billed.get(c)!.contract}/pdf`), 200) },
  createContract: { mode: 'hidden', call: (as) => pairRoute(as, (c) => api[as].post('/api/contracts', contractOf(c, `C-${as}-${c.id.slice(-6)}-${++contracts}`, contracts)), 201) },
  renewContract: {
    mode: 'hidden',
    call: (as) =>
      pairRoute(as, async (c) => {
        const old = await ownerContract(c);
        return api[as].post(`/api/contracts/${old.id}/renewals`, { number: `N-${as}-${++contracts}`, endDate: addDays(old.endDate, 10) });
      }, 201),
  },
  listCustomers: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/customers?limit=200'), { ids: idsIn((await api[as].get('/api/customers?limit=200')).body.items.map((c: { id: string }) => c.id)), among: ALL })] },
  createCustomer: {
    mode: 'hidden',
    call: async (as) => {
      const made = await api[as].post('/api/customers', { name: `Registered by ${as}` });
      // Whoever registers a customer sees them whole afterwards.
      const again = await api[as].get(`/api/customers/${made.body.id}`);
      expect([made.status, again.status, again.body.email === undefined ? 'none' : 'whole']).toEqual([201, 200, 'whole']);
      return [answer(made)];
    },
  },
  findDuplicateCustomers: {
    mode: 'hidden',
    call: async (as) => {
      const res = await api[as].get('/api/customers/duplicates');
      return [answer(res, { ids: idsIn(res.body.items.flatMap((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id])), among: [0, 1, 4, 5] })];
    },
  },
  mergeCustomers: {
    mode: 'hidden',
    call: async (as) => {
      const [mine, theirs] = both(as);
      const res = await api[as].post('/api/customers/merge', { keepId: mine.id, mergeId: as === 'owner' ? mine.id : theirs.id });
      expect(res.status).toBe(as === 'owner' ? 422 : 404);
      return [answer(res)];
    },
  },
  getCustomer: {
    mode: 'register',
    call: async (as) => {
      const [mine, theirs] = both(as);
      const seen = await api[as].get(`/api/customers/${mine.id}`);
      expect(seen.body.email).toBe(mine.email);
      return [answer(seen), answer(await api[as].get(`/api/customers/${theirs.id}`))];
    },
  },
  updateCustomerContact: {
    // The register's route: a customer outside the caller's view is changed and answered as the register shows them.
    mode: 'register',
    call: async (as) => Promise.all(both(as).map(async (c) => answer(await api[as].put(`/api/customers/${c.id}/contact`, { locale: 'lt' })))),
  },
  updateCustomer: {
    mode: 'hidden',
    call: async (as) => {
      const [mine, theirs] = both(as);
      const ok = await api[as].put(`/api/customers/${mine.id}`, { name: mine.name });
      const refused = await api[as].put(`/api/customers/${theirs.id}`, { name: 'Renamed by someone else' });
      expect([ok.status, refused.status]).toEqual([200, as === 'owner' ? 200 : 404]);
      if (as === 'owner') await api.owner.put(`/api/customers/${theirs.id}`, { name: theirs.name });
      else expect((await server.db.customer.findUniqueOrThrow({ where: { id: theirs.id } })).name).toBe(theirs.name);
      return [answer(ok), answer(refused)];
    },
  },
  getCustomerHistory: { mode: 'hidden', call: (as) => byIdRoute(as, (id) => api[as].get(`/api/customers/${id}/history`)) },
  exportCustomerHistory: { mode: 'hidden', call: (as) => byIdRoute(as, (id) => api[as].get(`/api/customers/${id}/history.csv`)) },
  searchCustomers: {
    mode: 'register',
    call: async (as) => {
      const res = await api[as].get('/api/customers/search?q=client&limit=50');
      const whole = res.body.items.filter((c: { email: string | null }) => c.email !== null).map((c: { id: string }) => c.id);
      return [answer(res, { ids: idsIn(whole), among: ALL })];
    },
  },
  getCustomerPoints: { mode: 'register', call: async (as) => Promise.all(both(as).map(async (c) => answer(await api[as].get(`/api/customers/${c.id}/points`)))) },
  adjustCustomerPoints: {
    mode: 'hidden',
    call: async (as) => {
      const [mine, theirs] = both(as);
      const ok = await api[as].post(`/api/customers/${mine.id}/points/adjust`, { points: 5, reason: 'visibility test' });
      const refused = await api[as].post(`/api/customers/${theirs.id}/points/adjust`, { points: 5, reason: 'visibility test' });
      expect([ok.status, refused.status]).toEqual([200, as === 'owner' ? 200 : 404]);
      return [answer(ok), answer(refused)];
    },
  },
  listCustomerCategories: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/customer-categories'))] },
  saveCustomerCategory: { mode: 'hidden', call: async (as) => [answer(await api[as].put('/api/customer-categories/vis-test', { name: 'Visibility', discountBp: 0, pointsEarnBp: 0 }))] },
  listBirthdays: {
    mode: 'hidden',
    call: async (as) => {
      const res = await api[as].get('/api/customers/birthdays?range=today');
      return [answer(res, { ids: idsIn(res.body.items.map((c: { id: string }) => c.id)), among: ALL })];
    },
  },
  previewCustomerImport: { mode: 'hidden', call: (as) => importRoute(as, '/api/customers/import/preview') },
  importCustomers: { mode: 'hidden', call: (as) => importRoute(as, '/api/customers/import') },
  listImportTemplates: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/customers/import/templates'))] },
  saveImportTemplate: { mode: 'hidden', call: async (as) => [answer(await api[as].put('/api/customers/import/templates', { name: `Template of ${as}`, mapping: { name: 'Name' } }))] },
  deleteImportTemplate: { mode: 'hidden', call: async (as) => [answer(await api[as].request('DELETE', `/api/customers/import/templates/${newId()}`))] },
  exportCustomers: {
    mode: 'hidden',
    call: async (as) => {
      const res = await api[as].get('/api/customers/export?format=csv');
      return [answer(res, { ids: idsNamedIn(text(res.body)), among: ALL })];
    },
  },
  assignCustomerManager: {
    mode: 'hidden',
    call: async (as) => {
      const [mine, theirs] = both(as);
      const current = (await server.db.customerManager.findUnique({ where: { customerId: mine.id } }))?.managerId ?? null;
      const ok = await api[as].put(`/api/customers/${mine.id}/manager`, { managerId: current });
      const refused = await api[as].put(`/api/customers/${theirs.id}/manager`, { managerId: userId[as] });
      expect([ok.status, ok.body.assigned]).toEqual([200, 0]);
      expect(refused.status).toBe(as === 'owner' ? 200 : 404);
      if (as === 'owner') await api.owner.put(`/api/customers/${theirs.id}/manager`, { managerId: userId.staff2 });
      return [answer(ok), answer(refused)];
    },
  },
  assignCustomers: {
    mode: 'hidden',
    call: async (as) => {
      const refused = await api[as].post('/api/customers/assign', { managerId: userId[as], customerIds: [base[SEEN[as][0]].id, base[as === 'owner' ? 0 : outOf(as)].id] });
      expect(refused.status).toBe(as === 'owner' ? 200 : 404);
      if (as === 'owner') await api.owner.put(`/api/customers/${base[0].id}/manager`, { managerId: userId.staff });
      // A filter reaches only the customers seen: moving "everyone's" customers from staff2 to the caller moves none but the owner's.
      const none = await api[as].post('/api/customers/assign', { managerId: userId[as], filter: { managerId: userId.staff2 } });
      expect(none.body.assigned).toBe(as === 'owner' ? 3 : 0);
      if (as === 'owner') await api.owner.post('/api/customers/assign', { managerId: userId.staff2, customerIds: [4, 5, 6].map((i) => base[i].id) });
      return [answer(refused), answer(none)];
    },
  },
  createCampaign: {
    mode: 'hidden',
    call: async (as) => {
      const res = await api[as].post('/api/campaigns', { name: `Campaign of ${as}`, channel: 'email', subject: 'Hello', template: 'Hello {{name}} {{unsubscribe}}', filter: {} });
      const recipients = (await server.db.campaignMessage.findMany({ where: { campaignId: res.body.id } })).map((m) => m.customerId!);
      return [answer(res, { ids: idsIn(recipients), among: ALL })];
    },
  },
  listCampaigns: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/campaigns'))] },
  listCampaignMessages: {
    mode: 'hidden',
    call: async (as) => {
      const res = await api[as].get(`/api/campaigns/${ownerCampaign}/messages`);
      return [answer(res, { ids: idsIn(res.body.items.map((m: { customerId: string }) => m.customerId)), among: ALL })];
    },
  },
  unsubscribe: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/unsubscribe'))] },
  confirmUnsubscribe: { mode: 'hidden', call: async (as) => [answer(await api[as].post('/api/unsubscribe'))] },
  listPreOrders: {
    mode: 'register',
    call: async (as) => {
      const res = await api[as].get('/api/pre-orders');
      const whole = res.body.items.filter((o: { customer: { email: string | null } }) => o.customer.email !== null).map((o: { customer: { id: string } }) => o.customer.id);
      return [answer(res, { ids: idsIn(whole), among: preOrders.map((o) => o.customer) })];
    },
  },
  getPreOrder: { mode: 'register', call: async (as) => Promise.all(preOrders.map(async (o) => answer(await api[as].get(`/api/pre-orders/${o.id}`)))) },
  createPreOrder: { mode: 'register', call: async (as) => [answer(await api[as].post('/api/pre-orders', await preOrderRequest(base[outOf('head')].id)))] },
  changePreOrderStatus: { mode: 'register', call: async (as) => Promise.all(preOrders.map(async (o) => answer(await api[as].post(`/api/pre-orders/${o.id}/status`, { to: 'ordered' })))) },
  getDepositProduct: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/pre-orders/deposit-product'))] },
  salesReport: {
    mode: 'hidden',
    call: async (as) => {
      const res = await api[as].get(`/api/reports/sales?from=${today}&to=${today}&groupBy=customer&limit=200`);
      return [answer(res, { ids: idsIn(res.body.rows.map((r: { key: string }) => r.key)), among: SOLD_TO })];
    },
  },
  exportSalesReport: {
    mode: 'hidden',
    call: async (as) => {
      const res = await api[as].get(`/api/reports/sales/export?from=${today}&to=${today}&groupBy=customer&format=csv`);
      return [answer(res, { ids: idsNamedIn(text(res.body)), among: SOLD_TO })];
    },
  },
  slowMovers: { mode: 'hidden', call: async (as) => [answer(await api[as].get(`/api/reports/slow-movers?from=${today}&to=${today}`))] },
  tableReport: { mode: 'hidden', call: async (as) => Promise.all(['discounts', 'stock-valuation', 'pre-orders', 'category-preferences'].map(async (kind) => answer(await api[as].get(`/api/reports/table?kind=${kind}&from=${today}&to=${today}`)))) },
  shiftHistory: { mode: 'hidden', call: async (as) => [answer(await api[as].get(`/api/reports/shifts?from=${today}&to=${today}`))] },
  reportFilters: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/reports/filters'))] },
  dashboard: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/reports/dashboard?period=today'))] },
  clientBaseAudit: { mode: 'hidden', call: async (as) => [answer(await api[as].get(`/api/crm/audit?from=${today}&to=${today}`))] },
  auditSegment: {
    mode: 'hidden',
    call: async (as) =>
      Promise.all(
        AUDIT_SEGMENTS.map(async (segment) => {
          const res = await api[as].get(`/api/crm/audit/${segment}?from=${today}&to=${today}&limit=200`);
          expect(res.status).toBe(200);
          const listed = res.body.items.map((m: { id: string }) => m.id);
          expect([...res.body.ids].sort()).toEqual([...listed].sort());
          return answer(res, segment === 'never-bought' ? { ids: idsIn(listed), among: ALL.filter((i) => !SOLD_TO.includes(i)) } : segment === 'duplicates' ? { ids: idsIn(listed), among: duplicatesSeenBy(as) } : undefined);
        }),
      ),
  },
  managerReport: { mode: 'hidden', call: async (as) => [answer(await api[as].get(`/api/crm/manager-report?from=${today.slice(0, 7)}&to=${today.slice(0, 7)}`))] },
  listManagerTargets: { mode: 'hidden', call: async (as) => [answer(await api[as].get(`/api/crm/targets?month=${today.slice(0, 7)}`))] },
  setManagerTarget: {
    mode: 'hidden',
    call: async (as) => {
      const res = await api[as].put(`/api/crm/targets/${userId[as]}/${today.slice(0, 7)}`, { sales: 100, grossProfit: 10 });
      expect(res.status).toBe(as === 'owner' ? 200 : 403);
      return [answer(res)];
    },
  },
  auditLog: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/audit'))] },
  getCustomerTimeline: { mode: 'hidden', call: (as) => byIdRoute(as, (id) => api[as].get(`/api/customers/${id}/timeline`)) },
  logInteraction: {
    mode: 'hidden',
    call: async (as) => {
      const [mine, theirs] = both(as);
      const ok = await api[as].post(`/api/customers/${mine.id}/interactions`, { kind: 'call', subject: `Called by ${as}` });
      const refused = await api[as].post(`/api/customers/${theirs.id}/interactions`, { kind: 'call', subject: `Called by ${as}` });
      expect([ok.status, refused.status]).toEqual([201, as === 'owner' ? 201 : 404]);
      return [answer(ok), answer(refused)];
    },
  },
  uploadAttachment: { mode: 'hidden', call: async (as) => [answer(await upload(as, '/api/crm/attachments', `Notes of ${as}`))] },
  getAttachment: {
    mode: 'hidden',
    call: async (as) => {
      const [mine, theirs] = both(as);
      const [ok, other] = [await api[as].get(`/api/crm/attachments/${fileOf.get(mine.id)}`), await api[as].get(`/api/crm/attachments/${fileOf.get(theirs.id)}`)];
      expect([ok.status, other.status]).toEqual([200, as === 'owner' ? 200 : 404]);
      // The file's text names its customer: the test's leak search reads it.
      return [answer(ok), answer(other)];
    },
  },
  createTask: {
    mode: 'hidden',
    call: async (as) => {
      const [mine, theirs] = both(as);
      const task = (customerId: string) => api[as].post('/api/tasks', { title: `Task of ${as}`, assigneeId: userId[as], dueAt: new Date().toISOString(), customerId });
      const [ok, refused] = [await task(mine.id), await task(theirs.id)];
      expect([ok.status, refused.status]).toEqual([201, as === 'owner' ? 201 : 404]);
      return [answer(ok), answer(refused)];
    },
  },
  createTasksForCustomers: {
    mode: 'hidden',
    call: async (as) => {
      const [mine, theirs] = both(as);
      const made = (body: object) => api[as].post('/api/tasks/bulk', { id: newId(), title: `Tasks of ${as}`, assigneeId: userId[as], dueAt: new Date().toISOString(), ...body });
      // Listed: one the caller does not see refuses the whole request; a filter picks exactly the customers seen.
      const listed = await made({ customerIds: [mine.id, theirs.id] });
      expect(listed.status).toBe(as === 'owner' ? 201 : 404);
      const filtered = await made({ filter: {} });
      expect(filtered.status).toBe(201);
      const about = (await server.db.crmTask.findMany({ where: { originKey: { startsWith: `batch:${filtered.body.id}:` } } })).map((t) => t.customerId!);
      return [answer(listed), answer(filtered, { ids: idsIn(about), among: ALL })];
    },
  },
  // Tasks handed to the caller by the owner about a customer they do not see show no customer.
  listTasks: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/tasks'))] },
  myTasks: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/tasks/mine'))] },
  getTask: { mode: 'hidden', call: async (as) => [answer(await api[as].get(`/api/tasks/${taskFor[as]}`))] },
  moveTask: { mode: 'hidden', call: async (as) => [answer(await api[as].post(`/api/tasks/${taskFor[as]}/move`, { dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: 'later' }))] },
  completeTask: { mode: 'hidden', call: async (as) => [answer(await api[as].post(`/api/tasks/${taskFor[as]}/done`, { note: 'done' }))] },
  streamCrmEvents: {
    mode: 'hidden',
    call: async (as) => {
      const stream = await EventStreamClient.open(`${server.url}/api/crm/events`, api[as].token!);
      stream.close();
      return [{ status: 200, text: JSON.stringify(stream.events) }];
    },
  },
  getCustomerFunnel: { mode: 'hidden', call: async (as) => [answer(await api[as].get('/api/customer-statuses'))] },
  defineCustomerFunnel: {
    mode: 'hidden',
    call: async (as) => {
      const res = await api[as].put('/api/customer-statuses', (await api.owner.get('/api/customer-statuses')).body);
      expect(res.status).toBe(as === 'owner' ? 200 : 403);
      return [answer(res)];
    },
  },
  getCustomerStatus: { mode: 'hidden', call: (as) => byIdRoute(as, (id) => api[as].get(`/api/customers/${id}/status`)) },
  moveCustomerStatus: {
    mode: 'hidden',
    call: async (as) => {
      // Between the two statuses every customer is in, back and forth.
      const move = async (customerId: string) => {
        const now = (await server.db.customerStage.findUniqueOrThrow({ where: { customerId } })).statusId;
        return api[as].post(`/api/customers/${customerId}/status`, { statusId: funnel.find((s) => s.id !== now)!.id });
      };
      const [mine, theirs] = both(as);
      const [ok, refused] = [await move(mine.id), await move(theirs.id)];
      expect([ok.status, refused.status]).toEqual([200, as === 'owner' ? 200 : 404]);
      return [answer(ok), answer(refused)];
    },
  },
  funnelReport: {
    mode: 'hidden',
    call: async (as) => {
      const res = await api[as].get(`/api/reports/funnel?from=${today}&to=${today}`);
      // Every base customer is in the funnel: the caller's counts are theirs alone.
      expect(res.body.stages.reduce((sum: number, s: { count: number }) => sum + s.count, 0)).toBe(SEEN[as].length);
      return [answer(res)];
    },
  },
  scanCode: { mode: 'register', call: async (as) => Promise.all(both(as).map(async (c) => answer(await api[as].get(`/api/scan/${c.card}`)))) },
};

/** The likely duplicates (pairs of the same phone) a caller sees both of: a pair is listed only then. */
const duplicatesSeenBy = (as: Caller) => [[0, 1], [4, 5], [2, 7]].filter((pair) => pair.every((i) => SEEN[as].includes(i))).flat();

/** Customers with a sale today, for the reports by customer: two of the staff member's, another department's, the head's, nobody's. */
const SOLD_TO = [0, 1, 5, 7, 12];

async function byIdRoute(as: Caller, get: (id: string) => Promise<{ status: number; body: unknown }>): Promise<Answer[]> {
  const [mine, theirs] = both(as);
  const [ok, other] = [await get(mine.id), await get(theirs.id)];
  expect([ok.status, other.status]).toEqual([200, as === 'owner' ? 200 : 404]);
  return [answer(ok), answer(other)];
}

/** Customers invoiced in the set-up (the staff member's, another department's, the head's): an issued invoice and a contract of each. */
const BILLED = [0, 5, 7];
const billed = new Map<Client, { invoice: string; contract: string }>();
/** Contracts made by the calls, each 400 days after the one before: a customer's contracts never overlap. */
let contracts = 0;
const draftOf = (c: Client) => ({ customerId: c.id, lines: [{ description: `Service for ${c.name}`, unit: 'piece', quantityMilli: 1000, unitPriceGross: 1210, taxRateBp: 2100 }] });
const contractOf = (c: Client, number: string, fromYears: number) => ({ customerId: c.id, number, startDate: addDays(today, 400 * fromYears), endDate: addDays(today, 400 * fromYears + 30), terms: '', prices: [] });
async function ownerDraft(c: Client): Promise<string> {
  return (await api.owner.post('/api/invoices', draftOf(c))).body.id;
}
async function ownerContract(c: Client): Promise<{ id: string; endDate: string }> {
  return (await api.owner.post('/api/contracts', contractOf(c, `R-${c.id.slice(-6)}-${++contracts}`, contracts))).body;
}

/** The same act on a billed customer the caller sees (it succeeds) and on one they do not (not found, but for the owner). */
async function pairRoute(as: Caller, act: (c: Client) => Promise<{ status: number; body: unknown }>, ok: number): Promise<Answer[]> {
  const mine = base[BILLED.find((i) => SEEN[as].includes(i))!];
  const theirs = base[as === 'owner' ? 5 : BILLED.find((i) => !SEEN[as].includes(i))!];
  const [seen, other] = [await act(mine), await act(theirs)];
  expect([seen.status, other.status], `${as}: ${text(seen.body).slice(0, 200)} ${text(other.body).slice(0, 200)}`).toEqual([ok, as === 'owner' ? ok : 404]);
  return [answer(seen), answer(other)];
}

/** A list naming customers: exactly the billed customers the caller sees. */
async function listedRoute(as: Caller, path: string, customerIds: (body: any) => string[]): Promise<Answer[]> {
  const res = await api[as].get(path);
  expect(res.status).toBe(200);
  return [answer(res, { ids: idsIn(customerIds(res.body)), among: BILLED })];
}

async function importRoute(as: Caller, path: string): Promise<Answer[]> {
  // Importing matches and changes customers of the whole base: only for those who see all of it.
  const res = await upload(as, path, 'Name;Phone\nImported Person;+37061999999\n');
  expect(res.status).toBe(as === 'owner' ? 200 : 403);
  if (as !== 'owner') expect(JSON.parse(res.body).error.code).toBe('customer-scope-too-narrow');
  return [answer(res)];
}

async function preOrderRequest(customerId: string) {
  const product = (await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } })).id;
  return { id: newId(), customerId, lines: [{ productId: product, quantityMilli: 1000, unitPrice: 500 }] };
}

/** Operations of the document that concern customers: by tag, by path, and the register's scan of a card. */
function customerOperations(doc: { paths: Record<string, Record<string, { operationId: string; tags?: string[] }>> }): string[] {
  const tags = new Set(['customers', 'campaigns', 'pre-orders', 'reports', 'tasks', 'invoicing', 'contracts']);
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.values(methods)
      .filter((op) => op.tags?.some((t) => tags.has(t)) || path.includes('customer') || op.operationId === 'scanCode')
      .map((op) => op.operationId),
  );
}

beforeAll(async () => {
  server = await startTestServer({ outletSettings: { invoicing: { buyerCompanyRequired: false, overpayment: 'advance' } } });
  today = localTimeIn((await server.db.outlet.findFirstOrThrow()).timezone).slice(0, 10);
  api.owner = await server.login('owner', '1111');
  userId.owner = (await server.db.user.findUniqueOrThrow({ where: { login: 'owner' } })).id;
  for (const [as, pin] of [['staff', '7101'], ['head', '7202'], ['staff2', '7303']] as const) {
    const made = await api.owner.post('/api/users', { login: as, name: `CRM ${as}`, role: 'manager', pin, password: 'visibility-pass' });
    expect(made.status).toBe(201);
    userId[as] = made.body.id;
  }
  const sales = (await api.owner.post('/api/departments', { name: 'Sales', headId: userId.head })).body;
  const other = (await api.owner.post('/api/departments', { name: 'Wholesale', headId: null })).body;
  for (const [as, departmentId, customerScope] of [['staff', sales.id, 'own'], ['head', sales.id, 'department'], ['staff2', other.id, 'own']] as const) {
    expect((await api.owner.put(`/api/users/${userId[as]}/crm`, { departmentId, customerScope })).status).toBe(200);
  }
  api.staff = await server.login('staff', '7101');
  api.head = await server.login('head', '7202');

  // Every customer with a name, e-mail, phone and card of their own (a leak is found by its text), consent, a birthday today.
  const rows = await server.db.customer.findMany({ orderBy: { name: 'asc' }, include: { cards: true } });
  expect(rows.length).toBe(20);
  base = [];
  for (const [i, row] of rows.entries()) {
    const n = String(i).padStart(2, '0');
    const client = { id: row.id, name: `Vis-${n}-client`, email: `vis${n}@example.com`, phone: `+370611000${n}`, card: row.cards[0].code };
    const saved = await api.owner.put(`/api/customers/${row.id}`, { name: client.name, email: client.email, phone: client.phone, emailConsent: true, birthday: `1990-${today.slice(5)}` });
    expect(saved.status).toBe(200);
    base.push(client);
  }
  // Likely duplicates: same phones, the pair 0–1 the staff member's, 4–5 another department's, 2–7 across staff and head.
  for (const [a, b] of [[0, 1], [4, 5], [2, 7]]) {
    await api.owner.put(`/api/customers/${base[b].id}`, { name: base[b].name, phone: base[a].phone });
    base[b].phone = base[a].phone;
  }
  const assign = async (manager: string, indexes: number[]) => expect((await api.owner.post('/api/customers/assign', { managerId: manager, customerIds: indexes.map((i) => base[i].id) })).body.assigned).toBe(indexes.length);
  await assign(userId.staff, [0, 1, 2, 3]);
  await assign(userId.staff2, [4, 5, 6]);
  await assign(userId.head, [7, 8]);

  await api.owner.post('/api/shifts', { openingFloat: 0 });
  const [product] = await findProducts(api.owner, (await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null } })).sku);
  for (const i of SOLD_TO) {
    const customer = (await api.owner.get(`/api/customers/${base[i].id}`)).body;
    const { request } = await buildSale(api.owner, [{ product, quantityMilli: 1000 }], { customer });
    expect((await api.owner.post('/api/sales', request)).status).toBe(201);
  }
  preOrders = [];
  for (const i of [0, 5, 7]) preOrders.push({ id: (await api.owner.post('/api/pre-orders', await preOrderRequest(base[i].id))).body.id, customer: i });
  for (const i of [0, 4, 5]) {
    const file = JSON.parse((await upload('owner', '/api/crm/attachments', `Minutes with ${base[i].name}`)).body);
    await api.owner.post(`/api/customers/${base[i].id}/interactions`, { kind: 'meeting', subject: 'Met', attachmentIds: [file.id] });
    fileOf.set(base[i].id, file.id);
  }
  for (const as of ['staff', 'head', 'owner'] as const) {
    taskFor[as] = (await api.owner.post('/api/tasks', { title: `For ${as}`, assigneeId: userId[as], dueAt: new Date().toISOString(), customerId: base[as === 'head' ? 4 : 5].id })).body.id;
  }
  // Two statuses of the funnel, each customer in the first.
  expect((await api.owner.put('/api/customer-statuses', { statuses: funnel.map((s, i) => ({ ...s, customerType: 'lead', initial: i === 0 })), moves: [{ fromId: funnel[0].id, toId: funnel[1].id }, { fromId: funnel[1].id, toId: funnel[0].id }] })).status).toBe(200);
  for (const c of base) expect((await api.owner.post(`/api/customers/${c.id}/status`, { statusId: funnel[0].id })).status).toBe(200);
  for (const i of BILLED) {
    const c = base[i];
    expect((await api.owner.put(`/api/customers/${c.id}`, { name: c.name, kind: 'company', companyCode: `30000000${i}` })).status).toBe(200);
    const draft = await api.owner.post('/api/invoices', { ...draftOf(c), lines: [{ ...draftOf(c).lines[0], quantityMilli: 5000 }] });
    expect((await api.owner.post(`/api/invoices/${draft.body.id}/issue`, {})).status).toBe(200);
    const contract = await api.owner.post('/api/contracts', contractOf(c, `V-${i}`, 0));
    expect(contract.status).toBe(201);
    billed.set(c, { invoice: draft.body.id, contract: contract.body.id });
    expect((await api.owner.post('/api/invoice-payments', { id: newId(), customerId: c.id, method: 'bank-transfer', amount: 500, day: today, allocations: [{ invoiceId: draft.body.id, amount: 300 }] })).status).toBe(201);
  }
  ownerCampaign = (await api.owner.post('/api/campaigns', { name: 'To everyone', channel: 'email', subject: 'Hi', template: 'Hi {{name}} {{unsubscribe}}', filter: {} })).body.id;
});
afterAll(() => server?.close());

describe('who sees which customers, on every customer route of the OpenAPI document', () => {
  it('knows how to call every operation of the document that concerns customers', async () => {
    const doc = (await server.anonymous.get('/api/openapi.json')).body;
    const operations = customerOperations(doc);
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.filter((id) => !KNOWN[id])).toEqual([]);
  });

  for (const as of ['staff', 'head', 'owner'] as const) {
    it(`answers the ${as} only with the customers they may see`, async () => {
      const doc = (await server.anonymous.get('/api/openapi.json')).body;
      const problems: string[] = [];
      for (const operationId of customerOperations(doc)) {
        const known = KNOWN[operationId];
        if (!known) continue;
        for (const a of await known.call(as)) {
          if (a.status >= 500) problems.push(`${operationId}: ${a.status}`);
          const seen = SEEN[as].map((i) => base[i]);
          for (const i of ALL.filter((i) => !SEEN[as].includes(i))) {
            const c = base[i];
            const marks = [c.email, c.card, ...(seen.some((s) => s.phone === c.phone) ? [] : [c.phone, c.phone.slice(1)]), ...(known.mode === 'hidden' ? [c.id, c.name] : [])];
            for (const mark of marks) if (a.text.includes(mark)) problems.push(`${operationId} shows ${c.name} (${mark})`);
          }
          if (a.listed) {
            const expected = a.listed.among.filter((i) => SEEN[as].includes(i)).map((i) => base[i].id).sort();
            const got = [...new Set(a.listed.ids)].filter((id) => a.listed!.among.some((i) => base[i].id === id)).sort();
            if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push(`${operationId} lists ${got.length} of the ${expected.length} customers expected`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
