import type { Component } from 'svelte';
import type { Permission } from '../../shared/permissions.ts';
import { msg } from './i18n/i18n.svelte.ts';
import AuditPage from './pages/audit-page.svelte';
import BackupsPage from './pages/backups-page.svelte';
import ClientAuditPage from './crm/audit/client-audit-page.svelte';
import ManagerReportPage from './crm/audit/manager-report-page.svelte';
import CampaignsPage from './pages/campaigns-page.svelte';
import ContractsPage from './pages/accounts/contracts-page.svelte';
import InvoicesPage from './pages/accounts/invoices-page.svelte';
import PaymentsPage from './pages/accounts/payments-page.svelte';
import ReceivablesPage from './pages/accounts/receivables-page.svelte';
import CustomersPage from './pages/customers-page.svelte';
import TasksPage from './crm/tasks-page.svelte';
import DevicesPage from './pages/devices-page.svelte';
import LabelsPage from './pages/labels-page.svelte';
import PreOrdersPage from './pages/pre-orders-page.svelte';
import PrintFormsPage from './pages/print-forms-page.svelte';
import ProductsPage from './pages/products-page.svelte';
import PurchasingPage from './pages/purchasing-page.svelte';
import RegisterTilesPage from './pages/register-tiles-page.svelte';
import RegistersPage from './pages/registers-page.svelte';
import ReportsPage from './pages/reports-page.svelte';
import RulesPage from './pages/rules-page.svelte';
import SettingsPage from './pages/settings-page.svelte';
import StockPage from './pages/stock-page.svelte';
import UsersPage from './pages/users-page.svelte';
import FunnelEditorPage from './crm/funnel/funnel-editor-page.svelte';
import FunnelPage from './crm/funnel/funnel-page.svelte';

/**
 * The back office's pages in navigation order, each at `#/<path>`: a new page is one line here.
 * `ownerOnly` pages need the manage-users right, others the permission they name. Each page gets `api`, `currency` and `selfId`.
 */
export const PAGES: { path: string; name: string; page: Component<any>; ownerOnly?: boolean; permission?: Permission }[] = [
  { path: 'devices', name: msg('Devices'), page: DevicesPage },
  { path: 'pairing-and-tiles', name: msg('Pairing and tiles'), page: RegisterTilesPage },
  { path: 'labels', name: msg('Labels'), page: LabelsPage },
  { path: 'customers', name: msg('Customers'), page: CustomersPage },
  { path: 'tasks', name: msg('Tasks'), page: TasksPage, permission: 'backoffice' },
  { path: 'pre-orders', name: msg('Pre-orders'), page: PreOrdersPage },
  { path: 'funnel', name: msg('Funnel'), page: FunnelPage },
  { path: 'funnel-statuses', name: msg('Funnel statuses'), page: FunnelEditorPage, ownerOnly: true },
  { path: 'invoices', name: msg('Invoices'), page: InvoicesPage, permission: 'manage-invoices' },
  { path: 'payments', name: msg('Payments'), page: PaymentsPage, permission: 'manage-invoices' },
  { path: 'receivables', name: msg('Receivables'), page: ReceivablesPage, permission: 'manage-invoices' },
  { path: 'contracts', name: msg('Contracts'), page: ContractsPage, permission: 'manage-invoices' },
  { path: 'campaigns', name: msg('Campaigns'), page: CampaignsPage },
  { path: 'client-audit', name: msg('Audit of the client base'), page: ClientAuditPage },
  { path: 'manager-report', name: msg("Manager's report"), page: ManagerReportPage },
  { path: 'discount-rules', name: msg('Discount rules'), page: RulesPage },
  { path: 'products', name: msg('Products'), page: ProductsPage },
  { path: 'stock', name: msg('Stock'), page: StockPage },
  { path: 'purchasing', name: msg('Purchasing'), page: PurchasingPage },
  { path: 'reports', name: msg('Reports'), page: ReportsPage },
  { path: 'print-forms', name: msg('Print forms'), page: PrintFormsPage, permission: 'manage-print-forms' },
  { path: 'audit', name: msg('Audit log'), page: AuditPage, ownerOnly: true },
  { path: 'users', name: msg('Users'), page: UsersPage, ownerOnly: true },
  { path: 'settings', name: msg('Settings'), page: SettingsPage, ownerOnly: true },
  { path: 'registers', name: msg('Registers & outlet'), page: RegistersPage, ownerOnly: true },
  { path: 'backups', name: msg('Backups'), page: BackupsPage, ownerOnly: true },
];
