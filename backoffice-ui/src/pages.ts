import type { Component } from 'svelte';
import type { Permission } from '../../shared/permissions.ts';
import { msg } from './i18n/i18n.svelte.ts';

/**
 * The back office's pages in navigation order, each at `#/<path>`: a new page is one line here.
 * `ownerOnly` pages need the manage-users right, others the permission they name. Each page gets `api`, `currency` and `selfId`.
 * A page is loaded when first opened (its own chunk), so the tablet does not download every page to show one.
 */
export const PAGES: { path: string; name: string; load: () => Promise<{ default: Component<any> }>; ownerOnly?: boolean; permission?: Permission }[] = [
  { path: 'devices', name: msg('Devices'), load: () => import('./pages/devices-page.svelte') },
  { path: 'pairing-and-tiles', name: msg('Pairing and tiles'), load: () => import('./pages/register-tiles-page.svelte') },
  { path: 'labels', name: msg('Labels'), load: () => import('./pages/labels-page.svelte') },
  { path: 'customers', name: msg('Customers'), load: () => import('./pages/customers-page.svelte') },
  { path: 'tasks', name: msg('Tasks'), load: () => import('./crm/tasks-page.svelte'), permission: 'backoffice' },
  { path: 'pre-orders', name: msg('Pre-orders'), load: () => import('./pages/pre-orders-page.svelte') },
  { path: 'funnel', name: msg('Funnel'), load: () => import('./crm/funnel/funnel-page.svelte') },
  { path: 'funnel-statuses', name: msg('Funnel statuses'), load: () => import('./crm/funnel/funnel-editor-page.svelte'), ownerOnly: true },
  { path: 'invoices', name: msg('Invoices'), load: () => import('./pages/accounts/invoices-page.svelte'), permission: 'manage-invoices' },
  { path: 'payments', name: msg('Payments'), load: () => import('./pages/accounts/payments-page.svelte'), permission: 'manage-invoices' },
  { path: 'receivables', name: msg('Receivables'), load: () => import('./pages/accounts/receivables-page.svelte'), permission: 'manage-invoices' },
  { path: 'contracts', name: msg('Contracts'), load: () => import('./pages/accounts/contracts-page.svelte'), permission: 'manage-invoices' },
  { path: 'campaigns', name: msg('Campaigns'), load: () => import('./pages/campaigns-page.svelte') },
  { path: 'client-audit', name: msg('Audit of the client base'), load: () => import('./crm/audit/client-audit-page.svelte') },
  { path: 'manager-report', name: msg("Manager's report"), load: () => import('./crm/audit/manager-report-page.svelte') },
  { path: 'discount-rules', name: msg('Discount rules'), load: () => import('./pages/rules-page.svelte') },
  { path: 'products', name: msg('Products'), load: () => import('./pages/products-page.svelte') },
  { path: 'stock', name: msg('Stock'), load: () => import('./pages/stock-page.svelte') },
  { path: 'purchasing', name: msg('Purchasing'), load: () => import('./pages/purchasing-page.svelte') },
  { path: 'reports', name: msg('Reports'), load: () => import('./pages/reports-page.svelte') },
  { path: 'custom-fields', name: msg('Custom fields'), load: () => import('./custom-fields/custom-fields-page.svelte'), ownerOnly: true },
  { path: 'print-forms', name: msg('Print forms'), load: () => import('./pages/print-forms-page.svelte'), permission: 'manage-print-forms' },
  { path: 'audit', name: msg('Audit log'), load: () => import('./pages/audit-page.svelte'), ownerOnly: true },
  { path: 'users', name: msg('Users'), load: () => import('./pages/users-page.svelte'), ownerOnly: true },
  { path: 'settings', name: msg('Settings'), load: () => import('./pages/settings-page.svelte'), ownerOnly: true },
  { path: 'registers', name: msg('Registers & outlet'), load: () => import('./pages/registers-page.svelte'), ownerOnly: true },
  { path: 'backups', name: msg('Backups'), load: () => import('./pages/backups-page.svelte'), ownerOnly: true },
];
