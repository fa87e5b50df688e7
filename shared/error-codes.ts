// Every code the server sends in its error envelope, and the two the web client makes itself. The
// server's AppError takes only these, and every language's catalogue in shared/i18n has a text for
// each: a new code is added here, then to the catalogues.

export const ERROR_CODES = [
  // Any route: the envelope, HTTP and the client.
  'invalid-input', 'invalid-json', 'unsupported-media-type', 'body-too-large', 'too-many-requests', 'duplicate', 'bad-request',
  'internal', 'route-not-found', 'bad-url', 'uri-too-long', 'request-timeout', 'headers-too-large', 'network', 'http-error',
  // Signing in, rights and approvals.
  'unauthenticated', 'invalid-credentials', 'wrong-credentials', 'locked', 'unknown-register', 'no-register', 'not-permitted', 'forbidden',
  'approval-required', 'approval-invalid', 'approval-refused', 'replay-mismatch',
  // Users.
  'role-too-high', 'login-taken', 'own-account', 'user-not-found',
  // Catalogue and scanning.
  'invalid-check-digit', 'invalid-gs1', 'product-not-found', 'not-found', 'goods-expired', 'category-not-found',
  // Sales, returns and payments.
  'no-open-shift', 'shift-already-open', 'total-mismatch', 'insufficient-tender', 'card-overpayment', 'refund-tender', 'refund-method-invalid',
  'not-a-gift-card', 'gift-card-required', 'invalid-gift-card-line', 'invalid-deposit-line', 'invalid-scanned-code', 'invalid-quantity',
  'invalid-price-override', 'duplicate-line', 'points-need-customer', 'reserved-stock', 'insufficient-stock', 'sale-not-found', 'no-printer', 'sale-of-another-shift',
  'gift-card-in-use', 'line-not-in-sale', 'return-exceeds-sold', 'weight-not-from-scale', 'parked-sale-not-found',
  // Pre-orders and their deposits.
  'pre-order-not-found', 'pre-order-not-arrived', 'pre-order-customer', 'pre-order-incomplete', 'pre-order-line-not-found', 'pre-order-line-changed',
  'pre-order-closed', 'deposit-without-pre-order', 'deposit-tender', 'deposit-exceeds-order', 'deposit-not-held', 'deposit-held', 'not-goods',
  'order-too-large', 'invalid-transition', 'line-not-found', 'line-not-in-catalogue',
  // Customers, loyalty and gift cards.
  'customer-not-found', 'customer-merged', 'same-customer', 'query-too-short', 'invalid-phone', 'unknown-category', 'card-taken',
  'insufficient-points', 'gift-card-exists', 'gift-card-not-found', 'insufficient-gift-card', 'rule-not-found', 'campaign-not-found',
  'unknown-placeholder',
  // Stock, transfers and purchasing.
  'not-stocked', 'supplier-not-found', 'supplier-exists', 'no-label-printer', 'count-not-found', 'count-posted', 'outside-count',
  'stock-document-not-found',
  'same-outlet', 'transfer-not-found', 'wrong-outlet', 'unknown-sender', 'invalid-signature', 'not-on-transfer', 'purchase-order-not-found',
  'purchase-order-status', 'nothing-received',
  // Settings and devices.
  'unknown-currency', 'currency-fixed', 'tax-rate-not-found', 'devices-off', 'device-exists', 'device-not-found', 'invalid-device', 'invalid-profile',
  'no-drawer', 'drawer-not-opened', 'no-scale', 'no-pole-display', 'print-job-not-found', 'print-job-not-retryable',
  // Imports.
  'no-file', 'file-too-large', 'csv-unreadable', 'spreadsheet-unreadable', 'spreadsheet-too-large', 'spreadsheet-compression-ratio',
  'import-not-found',
  'import-not-undoable', 'import-not-undoable-in-chain', 'price-list-rejected', 'price-list-too-long', 'price-list-import-not-found', 'price-list-import-undone',
  // Head office and sync.
  'credential-refused', 'outlet-exists', 'outlet-not-found', 'card-of-another-customer', 'unknown-reference', 'not-a-till-user', 'proposal-not-found',
  'proposal-decided', 'invalid-batch', 'implausible-clock', 'implausible-date', 'outlet-identity-taken', 'outlet-identity-changed',
  'invalid-document',
  'transfer-received', 'held-for-another-outlet',
  // Catalogue management: products, variants, prices and the category tree.
  'category-cycle', 'category-parent-archived', 'category-archived', 'duplicate-category-code', 'owned-by-head-office', 'own-price-not-allowed', 'own-price-outside-bound', 'outlet-sets-own-price',
  'price-below-cost-not-permitted', 'price-negative', 'cost-negative', 'price-absurd', 'cost-absurd', 'price-not-editable', 'effective-in-past',
  'price-change-not-found', 'price-below-cost', 'price-change-applied', 'edit-the-product', 'duplicate-sku', 'duplicate-barcode', 'duplicate-plu',
  'product-has-stock', 'invalid-picture', 'barcodes-on-variants', 'plu-on-variants', 'suppliers-on-variants', 'minimum-on-variants',
  'variants-not-allowed', 'variant-without-options', 'kind-not-editable', 'duplicate-option', 'duplicate-option-value', 'variants-required',
  'variant-options-mismatch', 'variant-value-unknown', 'duplicate-variant', 'invalid-barcode', 'plu-required', 'suppliers-not-allowed',
  'duplicate-supplier', 'variant-not-found', 'invalid-cursor', 'product-archived', 'product-has-variants',
  // Suppliers, registers, the outlet, shifts' figures, counts and imports.
  'unit-cost-required', 'exchange-rate-required', 'below-minimum-order', 'supplier-archived', 'supplier-kept-by-head-office',
  'supplier-currency-in-use', 'outlet-code-from-head-office', 'outlet-code-taken', 'register-not-found', 'register-retired', 'unknown-device',
  'device-in-use', 'register-exists', 'register-shift-open', 'shift-not-found', 'shift-open', 'count-below-reserved', 'malformed-row',
  'unknown-sheet',
  // Registers paired to the outlet, their sign-in and tiles.
  'pin-alone-not-allowed', 'pairing-code-invalid', 'tile-target-unknown',
  // Backups and restoring one.
  'backup-running', 'backup-failed', 'backup-folder-missing', 'backup-folder-unwritable', 'backup-folder-full', 'backup-not-found',
  'confirmation-mismatch', 'restoring', 'corrupt-backup', 'not-a-till-database', 'backup-of-another-outlet', 'backup-from-newer-version',
  'unreadable-backup',
  // Print forms and their templates.
  'invalid-print-form', 'print-form-failed', 'invalid-logo', 'logo-too-large', 'logo-not-found',
  // Product pictures.
  'picture-too-large',
  // invoicing, payments, receivables, contracts (issue 19)
  'invoice-not-found', 'invoice-number-gap', 'invoice-number-repeated', 'invoice-not-issued', 'invoice-issued', 'invoice-empty', 'invoice-too-large', 'invoice-paid', 'invoice-of-another-customer', 'invoice-line-not-found', 'not-an-invoice', 'credit-above-invoiced', 'issue-date-before-invoice', 'due-date-before-issue-date', 'buyer-company-required', 'unknown-tax-rate', 'not-invoiceable', 'not-a-sale', 'sale-already-invoiced', 'sale-of-another-customer', 'pre-order-of-another-customer', 'pre-order-not-invoiceable', 'pre-order-already-invoiced', 'pre-order-line-not-in-catalogue', 'payment-not-found', 'payment-above-balance', 'allocations-above-payment', 'allocation-above-balance', 'advance-insufficient', 'no-email-address', 'on-account-not-allowed', 'contract-not-found', 'contract-needs-company', 'contract-number-taken', 'contract-overlaps', 'contract-renewed', 'contract-of-another-customer', 'contract-not-running', 'end-date-before-start-date',
  // CRM: managers, departments, the timeline and tasks.
  'customer-scope-too-narrow', 'unknown-manager', 'manager-at-another-outlet', 'manager-inactive', 'unknown-assignee', 'assignee-at-another-outlet', 'assignee-inactive', 'unknown-user', 'user-at-another-outlet', 'department-name-taken', 'department-not-found', 'unknown-department', 'owner-sees-all-customers', 'attachment-too-large', 'attachment-type-forbidden', 'attachment-empty', 'attachment-not-found', 'interaction-in-future', 'unknown-interaction', 'interaction-corrected', 'unknown-attachment', 'task-not-found', 'not-your-task', 'task-done', 'too-many-customers',
  // CRM: the funnel of customer statuses.
  'customer-status-unknown', 'customer-status-not-initial', 'customer-status-move-not-allowed', 'customer-status-name-taken', 'customer-status-in-use',
  // Custom fields.
  'custom-field-not-found', 'custom-field-exists', 'custom-field-key-fixed', 'custom-field-type-in-use', 'custom-field-choice-in-use', 'custom-field-unknown', 'custom-field-required', 'custom-field-invalid',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
