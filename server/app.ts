import path from 'node:path';
import type { CountryCode } from '../shared/phone.ts';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { MAX_SCANNED_CODE_LENGTH } from '../shared/barcodes.ts';
import { sqliteOf, type Db } from './db/client.ts';
import { fastifyErrorOptions, installErrorHandler } from './http/errors.ts';
import { installTextInputCheck } from './http/text-input.ts';
import { openapiOptions } from './http/openapi.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { serveUi } from './http/ui.ts';
import { installAuth } from './auth/plugin.ts';
import { AuthService } from './auth/service.ts';
import { authRoutes } from './auth/routes.ts';
import { loadOutlet, messagingSecret, type OutletInfo } from './outlet.ts';
import { campaignRoutes } from './campaigns/routes.ts';
import { CampaignService } from './campaigns/service.ts';
import { CampaignWorker } from './campaigns/worker.ts';
import { loadMessaging, type Messaging } from './campaigns/senders.ts';
import { systemRoutes } from './system/routes.ts';
import { CustomerService } from './customers/service.ts';
import { CustomFields } from './custom-fields/definitions.ts';
import { customFieldRoutes } from './custom-fields/routes.ts';
import { customerRoutes } from './customers/routes.ts';
import { CustomerProfiles } from './customers/profiles.ts';
import { CustomerVisibility } from './crm/visibility.ts';
import { CustomerAssignments } from './crm/assignments.ts';
import { Departments } from './crm/departments.ts';
import { crmRoutes } from './crm/routes.ts';
import { timelineRoutes } from './crm/timeline-routes.ts';
import { Timeline } from './crm/timeline.ts';
import { interactionEntries, messageEntries, preOrderEntries, saleEntries } from './crm/timeline-sources.ts';
import { Interactions } from './crm/interactions.ts';
import { Attachments } from './crm/attachments.ts';
import { Tasks } from './crm/tasks.ts';
import { birthdayRule, CrmEvents, TaskReminders } from './crm/reminders.ts';
import { taskRoutes } from './crm/task-routes.ts';
import { funnelRoutes } from './crm/funnel/routes.ts';
import { CustomerStatuses } from './crm/funnel/statuses.ts';
import { FunnelReports } from './crm/funnel/report.ts';
import { clientAuditRoutes } from './crm/audit-routes.ts';
import { ClientBaseAudit } from './crm/audit.ts';
import { ManagerReports } from './crm/manager-report.ts';
import { CatalogService } from './catalog/service.ts';
import { catalogRoutes } from './catalog/routes.ts';
import { catalogManagementRoutes } from './catalog/manage-routes.ts';
import { PriceScheduler } from './catalog/prices.ts';
import { PricingRules } from './pricing/service.ts';
import { pricingRoutes } from './pricing/routes.ts';
import { SalesService } from './sales/service.ts';
import { ReturnsService } from './sales/returns.ts';
import { RegisterActs } from './sales/register-acts.ts';
import { salesRoutes } from './sales/routes.ts';
import { ReceiptMails } from './sales/receipt-mail.ts';
import { ShiftService } from './shifts/service.ts';
import { shiftRoutes } from './shifts/routes.ts';
import { ParkedSalesService } from './parked/service.ts';
import { parkedRoutes } from './parked/routes.ts';
import { noPrinting } from './devices/printing.ts';
import type { DeviceHub } from './devices/hub.ts';
import { deviceRoutes } from './devices/routes.ts';
import { ScaleReadings } from './devices/weighings.ts';
import { labelRoutes } from './labels/routes.ts';
import { stockRoutes } from './stock/routes.ts';
import type { HeadOfficeLink } from './sync/connection.ts';
import { HeadOfficeSync } from './sync/head-office-sync.ts';
import { syncRoutes } from './sync/routes.ts';
import { StockTransfers } from './stock/transfers.ts';
import { preOrderRoutes } from './preorders/routes.ts';
import { PreOrderService } from './preorders/service.ts';
import { purchasingRoutes } from './purchasing/routes.ts';
import { PurchasingService } from './purchasing/service.ts';
import { SupplierService } from './purchasing/suppliers.ts';
import { reportRoutes } from './reports/routes.ts';
import { userRoutes } from './users/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { settingsRoutes } from './settings/routes.ts';
import { printFormRoutes } from './print-forms/routes.ts';
import { PrintForms } from './print-forms/service.ts';
import { StockService } from './stock/service.ts';
import { deviceSetupRoutes } from './devices/setup-routes.ts';
import { discountRuleRoutes } from './pricing/rules-routes.ts';
import { loyaltyRoutes } from './loyalty/routes.ts';
import { GiftCardGuesses } from './loyalty/gift-card-guesses.ts';
import { importExportRoutes } from './importexport/routes.ts';
import { BackupService } from './backups/service.ts';
import { backupRoutes, installRestoreGate } from './backups/routes.ts';
import { backupSettingsFrom, DEFAULT_RETENTION, type BackupSettings } from './backups/settings.ts';
import { Metrics, metricsRoutes } from './system/metrics.ts';
import { installActivityLog, quietRequests } from './http/activity-log.ts';
import { registerRoutes } from './registers/routes.ts';
import { RegisterService } from './registers/service.ts';
import { OutletIdentity } from './registers/outlet-identity.ts';
import { RegisterTouch } from './registers/touch-service.ts';
import { registerTouchRoutes } from './registers/touch-routes.ts';
import { InvoiceService } from './invoicing/service.ts';
import { PaymentService } from './invoicing/payments.ts';
import { Receivables } from './invoicing/receivables.ts';
import { invoicingRoutes } from './invoicing/routes.ts';
import { ContractService } from './contracts/service.ts';
import { contractRoutes } from './contracts/routes.ts';

export const VERSION = '0.1.0';
export const DEFAULT_UI_DIR = path.resolve(import.meta.dirname, '../dist/ui');

export interface AppOptions {
  db: Db;
  /** Devices (printers and their queues); none means "no printer" and selling still works. */
  devices?: DeviceHub | null;
  /** Email and SMS providers for campaigns (from the environment in main.ts). */
  messaging?: Messaging;
  logger?: FastifyServerOptions['logger'];
  /** The process's logger (main.ts makes it); wins over `logger`. */
  loggerInstance?: FastifyBaseLogger;
  /** Backups: the owner's settings (default: hourly into backups/ beside the database), a clock, and whether to take them by themselves. */
  backups?: { settings?: BackupSettings; now?: () => Date; automatic?: boolean };
  /** Called once a restore from the back office is staged: the host stops this app and starts it again (main.ts); none: it applies at the next start. */
  onRestoreStaged?: () => void;
  /** A token a metrics scraper may present for GET /api/metrics instead of a session. */
  metricsToken?: string | null;
  /** Login attempts per minute per client address. */
  loginRateLimit?: number;
  /** Built UIs (vite build output); served when present. */
  uiDir?: string;
  /** The country of phone numbers typed or imported without a country code (LT by default). */
  phoneCountry?: CountryCode;
  /** How often queued campaign messages are looked at (2 s by default). */
  campaignIntervalMs?: number;
  /** The CRM's clock (reminders, the timeline, campaign retries; tests move it) and the folder attachments are kept in (default: attachments/ beside the database). */
  crm?: { now?: () => Date; attachmentsDir?: string; reminderIntervalMs?: number };
  /** Head office to push the outbox to and pull master data from; none: the outlet works alone (documents wait in the outbox). */
  headOffice?: HeadOfficeLink | null;
}

export interface App {
  app: FastifyInstance;
  outlet: OutletInfo;
}

/** Builds the outlet server: infrastructure first, then one plugin per domain. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { db } = options;
  const outlet = await loadOutlet(db);
  // Event streams stay open: closing the server must not wait for registers to hang up.
  // A scanned code travels in the path of /api/scan/:code, percent-encoded (up to three characters
  // each): Fastify's default limit of 100 characters a parameter would turn a GS1 DataMatrix into a 414.
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? false }),
    ...quietRequests(),
    bodyLimit: 2 * 1024 * 1024,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 3 * MAX_SCANNED_CODE_LENGTH },
    ...fastifyErrorOptions,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await installSecurityHeaders(app);
  installTextInputCheck(app);
  installActivityLog(app);
  const restoreGate = { restoring: false };
  installRestoreGate(app, restoreGate);

  await app.register(
    fastifySwagger,
    openapiOptions({
      title: 'Till outlet server',
      version: VERSION,
      description: 'Register, back office and device API of one outlet. Every error comes in one envelope (ErrorEnvelope). Any request may also be answered 431 (its URL and headers over 16 KB) before it reaches an operation.',
    }),
  );

  const auth = new AuthService(db, outlet);
  const registerTouch = new RegisterTouch(db, outlet);
  installAuth(app, auth, registerTouch, options.metricsToken ?? null);
  await app.register(fastifyCookie);
  // Routes set their own limits (config.rateLimit); the rest have none.
  await app.register(fastifyRateLimit, { global: false });

  const printing = options.devices ?? noPrinting;
  const phoneCountry = options.phoneCountry ?? 'LT';
  outlet.view.phoneCountry = phoneCountry;
  const customers = new CustomerService(db, phoneCountry, outlet.settings.spendPeriodDays, outlet.view.timezone);
  const visibility = new CustomerVisibility(db);
  const catalog = new CatalogService(db, outlet, customers);
  const rules = new PricingRules(db);
  const secret = await messagingSecret(db, outlet);
  const readings = new ScaleReadings(secret, options.devices ?? null);
  const sales = new SalesService(db, outlet, customers, rules, printing, readings);
  const databaseFile = sqliteOf(db).name;
  const backups = new BackupService({
    settings: options.backups?.settings ?? backupSettingsFrom({ databaseFile, everyMinutes: 60, keep: DEFAULT_RETENTION }),
    databaseFile,
    outlet: { id: outlet.id, timeZone: outlet.view.timezone },
    logger: app.log,
    now: options.backups?.now,
    automatic: options.backups?.automatic,
  });
  backups.start();
  app.addHook('onClose', () => backups.stop());
  const metrics = new Metrics({ db, devices: options.devices ?? null, backups });
  metrics.install(app);

  await app.register(systemRoutes, { version: VERSION, mode: 'outlet' });
  await app.register(authRoutes, { auth, loginRateLimit: options.loginRateLimit ?? 20 });
  await app.register(registerTouchRoutes, { touch: registerTouch, auth, loginRateLimit: options.loginRateLimit ?? 20 });
  await app.register(catalogRoutes, { catalog, visibility });
  await app.register(catalogManagementRoutes, { db, outlet, chain: !!options.headOffice });
  const priceScheduler = new PriceScheduler(db, app.log);
  priceScheduler.start();
  app.addHook('onClose', () => priceScheduler.stop());
  await app.register(customFieldRoutes, { fields: new CustomFields(db, outlet, !!options.headOffice) });
  await app.register(customerRoutes, { db, outlet, customers, profiles: new CustomerProfiles(db, outlet, customers, phoneCountry), visibility });
  await app.register(pricingRoutes, { rules, outlet });
  await app.register(discountRuleRoutes, { db, outlet, rules });
  const assignments = new CustomerAssignments(db, outlet, visibility);
  await app.register(crmRoutes, { departments: new Departments(db, outlet), assignments });
  const crmNow = options.crm?.now ?? (() => new Date());
  const timeline = new Timeline();
  for (const source of [interactionEntries(db), messageEntries(db), saleEntries(db), preOrderEntries(db)]) timeline.add(source);
  const attachments = new Attachments(db, options.crm?.attachmentsDir ?? path.join(path.dirname(path.resolve(databaseFile)), 'attachments'));
  const tasks = new Tasks(db, outlet, visibility, crmNow);
  assignments.follow(tasks);
  await app.register(timelineRoutes, { customers, visibility, timeline, interactions: new Interactions(db, tasks, crmNow), attachments, now: crmNow });
  const giftCardGuesses = new GiftCardGuesses(db);
  await app.register(loyaltyRoutes, { db, outlet, giftCardGuesses, visibility });
  const messaging = options.messaging ?? loadMessaging({});
  const crmEvents = new CrmEvents();
  const reminders = new TaskReminders(db, tasks, [birthdayRule(outlet)], crmEvents, messaging.email, crmNow, app.log, options.crm?.reminderIntervalMs);
  reminders.start();
  app.addHook('onClose', () => reminders.stop());
  await app.register(taskRoutes, { tasks, events: crmEvents });
  await app.register(funnelRoutes, { statuses: new CustomerStatuses(db, outlet, visibility, crmNow, !!options.headOffice), reports: new FunnelReports(db, outlet, visibility, !!options.headOffice) });
  await app.register(clientAuditRoutes, { audit: new ClientBaseAudit(db, outlet, crmNow), reports: new ManagerReports(db, outlet), visibility });
  const campaignWorker = new CampaignWorker(db, messaging, options.campaignIntervalMs, crmNow);
  campaignWorker.start();
  app.addHook('onClose', () => campaignWorker.stop());
  await app.register(campaignRoutes, { db, outlet, campaigns: new CampaignService(db, outlet, messaging, secret), worker: campaignWorker, customers, visibility, secret });
  await app.register(importExportRoutes, { db, outlet, customers, visibility, phoneCountry, chain: !!options.headOffice });
  await app.register(salesRoutes, {
    sales,
    returns: new ReturnsService(db, outlet, sales, printing),
    acts: new RegisterActs(db, outlet),
    giftCardGuesses,
    mails: new ReceiptMails(db, outlet, sales, campaignWorker, visibility),
  });
  await app.register(shiftRoutes, { shifts: new ShiftService(db, outlet, printing, () => backups.afterZ()) });
  await app.register(parkedRoutes, { parked: new ParkedSalesService(db, outlet) });
  await app.register(deviceRoutes, { db, outlet, devices: options.devices ?? null, readings });
  await app.register(labelRoutes, { db, outlet, printing });
  const stock = new StockService(db, outlet, printing);
  await app.register(stockRoutes, { db, outlet, stock, transfers: new StockTransfers(db, outlet, stock) });
  const suppliers = new SupplierService(db, outlet);
  await app.register(purchasingRoutes, { db, suppliers, purchasing: new PurchasingService(db, outlet, stock, suppliers) });
  await app.register(preOrderRoutes, { preOrders: new PreOrderService(db, outlet, campaignWorker, sales), catalog, visibility });
  await app.register(reportRoutes, { db, outlet, visibility });
  const invoices = new InvoiceService(db, outlet);
  await app.register(contractRoutes, { db, contracts: new ContractService(db, outlet), invoices, visibility });
  await app.register(invoicingRoutes, { db, outlet, invoices, payments: new PaymentService(db, outlet), receivables: new Receivables(db, outlet, invoices), worker: campaignWorker, visibility });
  await app.register(userRoutes, { db, outlet, auth });
  await app.register(auditRoutes, { db, outlet, devices: options.devices ?? null });
  await app.register(settingsRoutes, { db, outlet, auth });
  await app.register(printFormRoutes, { forms: new PrintForms(db) });
  await app.register(deviceSetupRoutes, { db, outlet, devices: options.devices ?? null });
  await app.register(registerRoutes, { registers: new RegisterService(db, outlet, auth, options.devices ?? null), identity: new OutletIdentity(db, outlet, !!options.headOffice) });
  const sync = options.headOffice ? new HeadOfficeSync(db, outlet, options.headOffice, rules, auth) : null;
  if (sync) {
    sync.start();
    app.addHook('onClose', () => sync.stop());
  }
  await app.register(syncRoutes, { db, sync });
  await app.register(backupRoutes, { backups, outlet, databaseFile, gate: restoreGate, onRestoreStaged: options.onRestoreStaged ?? null });
  await app.register(metricsRoutes, { metrics });

  await serveUi(app, options.uiDir ?? DEFAULT_UI_DIR, '/pos-ui/');
  return { app, outlet };
}
