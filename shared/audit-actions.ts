// Every act the server writes to the audit log. writeAudit takes only these, and every language's
// catalogue in shared/i18n tells each as a sentence.

export const AUDIT_ACTIONS = [
  // At the register.
  'shift-open', 'shift-close', 'cash-in', 'cash-out', 'no-sale', 'void-line', 'manual-discount', 'price-override', 'code-price', 'refund', 'reprint', 'receipt-email',
  'approval-granted',
  // Users and settings.
  'user-create', 'user-change', 'user-secret-reset', 'user-locked-out', 'settings-change', 'roles-change', 'tax-rate-change',
  // Customers, loyalty and campaigns.
  'customer-create', 'customer-update', 'customer-pricing-change', 'customer-merge', 'customer-import', 'points-adjust', 'gift-card-issue',
  'customer-category-save', 'campaign-create', 'unsubscribe',
  // Pre-orders.
  'pre-order-create', 'pre-order-price', 'pre-order-confirmed', 'pre-order-ordered', 'pre-order-arrived', 'pre-order-cancelled',
  // Stock and purchasing.
  'stock-delivery', 'stock-write-off', 'stock-transfer-out', 'stock-transfer-in', 'stock-count', 'peer-outlet-key', 'purchase-order-create',
  'purchase-order-edit', 'purchase-order-send', 'purchase-order-cancel', 'purchase-order-receive',
  // Catalogue, rules, imports and devices.
  'product-import', 'import-undo', 'discount-rule-create', 'discount-rule-enable', 'discount-rule-disable', 'device-add', 'device-remove',
  'test-print', 'drawer-test', 'drawer-retry', 'print-retry',
  // Catalogue management, suppliers, registers and the outlet.
  'category-create', 'category-change', 'price-change', 'price-change-cancel', 'product-create', 'product-update', 'product-bulk-archive',
  'product-bulk-restore', 'product-bulk-category', 'supplier-create', 'supplier-edit', 'supplier-archive', 'supplier-restore',
  'outlet-identity-change', 'register-create', 'register-edit', 'register-retire', 'register-restore',
  // Registers paired to the outlet, their sign-in and tiles.
  'register-pairing-code', 'register-paired', 'register-unpaired', 'register-tiles', 'pin-alone-shared',
  // Print forms.
  'print-form-change', 'print-form-reset', 'print-logo-change', 'print-logo-remove',
  // invoicing, payments, contracts (issue 19)
  'invoice-draft', 'invoice-draft-delete', 'invoice-issue', 'credit-note-issue', 'invoice-payment', 'advance-allocation', 'payment-reminder', 'on-account-over-limit', 'contract-create', 'contract-renew',
  // CRM.
  'customer-assign', 'manager-target-set', 'department-create', 'department-change', 'user-crm-change',
  'customer-funnel-define', 'customer-status-move',
  // Custom fields.
  'custom-field-create', 'custom-field-change', 'custom-field-archive', 'custom-field-restore',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
