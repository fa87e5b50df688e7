// The demo shop created on the first start of an empty database (and by tests and benchmarks).
// Everything is generated from a fixed seed, so two runs give the same shop.
import { normaliseBarcode, withCheckDigit } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import type { Role } from '../../shared/permissions.ts';
import type { Db } from '../../server/db/client.ts';
import { hashSecret } from '../../server/users/secrets.ts';
import { CATEGORIES, CUSTOMER_NAMES, FAMILIES, type Family } from './catalog-data.ts';
import { seedDemoSuppliers } from './suppliers.ts';

export const DEMO_USERS: { login: string; name: string; role: Role; pin: string; password?: string }[] = [
  { login: 'owner', name: 'Olivia Owner', role: 'owner', pin: '1111', password: 'owner-demo-pass' },
  { login: 'manager', name: 'Max Manager', role: 'manager', pin: '2222', password: 'manager-demo-pass' },
  { login: 'vera', name: 'Vera Senior', role: 'senior_cashier', pin: '5555' },
  { login: 'anna', name: 'Anna Kassir', role: 'cashier', pin: '3333' },
  { login: 'boris', name: 'Борис Петров', role: 'cashier', pin: '4444' },
];

export const DEMO_OUTLET = {
  code: 'main',
  name: 'Till Demo Market',
  address: 'Gedimino pr. 1, Vilnius',
  currency: 'EUR',
  locale: 'en',
  timezone: 'Europe/Vilnius',
  settings: {
    receiptHeader: ['Till Demo Market', 'Gedimino pr. 1, Vilnius', 'VAT LT100000000017'],
    receiptFooter: ['Thank you for shopping!', 'Спасибо за покупку!'],
    inStoreLayouts: [
      { prefix: '21', kind: 'weight', itemDigits: 5, valueDigits: 5 },
      { prefix: '22', kind: 'price', itemDigits: 5, valueDigits: 5 },
    ],
    rounding: 'half-up',
  },
} as const;

const CUSTOMER_CATEGORIES = [
  { code: 'pensioner', name: 'Pensioner / Пенсионер', discountBp: 0 },
  { code: 'regular', name: 'Regular', discountBp: 300 },
  { code: 'bronze', name: 'Bronze card', discountBp: 200 },
  { code: 'silver', name: 'Silver card', discountBp: 500 },
  { code: 'gold', name: 'Gold card', discountBp: 1000 },
  // Points instead of a percentage: 5 % of what is paid comes back as points.
  { code: 'points', name: 'Points card', discountBp: 0, pointsEarnBp: 500 },
];

export interface SeedOptions {
  productCount?: number;
  customerCount?: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so demo data is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedProduct {
  sku: string;
  name: string;
  categoryCode: string;
  tax: Family['tax'];
  unit: 'piece' | 'kg';
  price: number;
  cost: number;
  discountable: boolean;
  plu: string | null;
  barcodes: string[];
  stockMilli: number;
}

/**
 * Generates `count` products, one at a time (a benchmark's million need not sit in memory): every
 * weighed and price-labelled family item once (they get PLUs for in-store barcodes), then piece
 * goods as brand × name combinations, numbered beyond that. The first n of any count are the same.
 */
export function* generateProducts(count: number, seed = 7): Generator<GeneratedProduct> {
  const rnd = seededRandom(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  let made = 0;
  let plu = 100;
  const make = (family: Family, name: string, withPlu: boolean): GeneratedProduct => {
    const n = ++made;
    const price = Math.round(between(family.price[0], family.price[1]) / 10) * 10 - 1;
    const barcodes: string[] = [];
    if (!withPlu) {
      barcodes.push(withCheckDigit(`477${String(100000000 + n).slice(-9)}`));
      if (n % 17 === 0) barcodes.push(withCheckDigit(`0${String(40000000000 + n).slice(-11)}`).slice(1));
    }
    return {
      sku: `SKU-${String(n).padStart(6, '0')}`,
      name,
      categoryCode: family.category,
      tax: family.tax,
      unit: family.unit,
      price,
      cost: Math.round(price * (0.55 + rnd() * 0.2)),
      discountable: family.discountable ?? true,
      plu: withPlu ? String(++plu) : null,
      barcodes,
      stockMilli: family.unit === 'kg' ? between(20, 120) * 1000 + between(0, 999) : between(12, 240) * 1000,
    };
  };
  for (const family of FAMILIES) {
    if (family.unit === 'kg' || family.priceLabelled) for (const name of family.names) if (made < count) yield make(family, name, true);
  }
  const pieceFamilies = FAMILIES.filter((f) => f.unit === 'piece' && !f.priceLabelled);
  const combos: [Family, string][] = [];
  for (const family of pieceFamilies) for (const variant of family.variants ?? ['']) for (const name of family.names) combos.push([family, variant ? `${variant} ${name}` : name]);
  // Interleave so a small catalogue still has every category.
  combos.sort((a, b) => (hash(a[1]) % 1000) - (hash(b[1]) % 1000));
  for (let i = 0; made < count; i++) {
    const [family, name] = combos[i % combos.length];
    const round = Math.floor(i / combos.length);
    yield make(family, round === 0 ? name : `${name} №${round + 1}`, false);
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export interface GeneratedCustomer {
  name: string;
  phone: string;
  email: string | null;
  categoryCode: string | null;
  card: string;
}

/** Customers with loyalty cards (EAN-13 starting 990) and phone numbers with the country code. */
export function generateCustomers(count: number, seed = 11): GeneratedCustomer[] {
  const rnd = seededRandom(seed);
  const categories = ['pensioner', 'regular', 'bronze', 'silver', 'gold', 'points', null];
  return Array.from({ length: count }, (_, i) => {
    const base = CUSTOMER_NAMES[i % CUSTOMER_NAMES.length];
    const name = i < CUSTOMER_NAMES.length ? base : `${base} (${Math.floor(i / CUSTOMER_NAMES.length) + 1})`;
    return {
      name,
      phone: `+3706${String(1000000 + i * 7919 + Math.floor(rnd() * 7)).slice(-7)}`,
      email: i % 3 === 0 ? `customer${i + 1}@example.com` : null,
      categoryCode: categories[i % categories.length],
      card: withCheckDigit(`990${String(i + 1).padStart(9, '0')}`),
    };
  });
}

async function inChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Fills an empty database with the demo shop. */
export async function seedDemoData(db: Db, options: SeedOptions = {}): Promise<{ outletId: string }> {
  const productCount = options.productCount ?? 520;
  const customerCount = options.customerCount ?? 50;
  const outletId = newId();
  const users = await Promise.all(
    DEMO_USERS.map(async (u) => ({
      id: newId(),
      outletId,
      login: u.login,
      name: u.name,
      role: u.role,
      pinHash: await hashSecret(u.pin),
      passwordHash: u.password ? await hashSecret(u.password) : null,
    })),
  );
  const taxIds = { standard: newId(), reduced: newId(), zero: newId() };
  const categoryIds = new Map(CATEGORIES.map((c) => [c.code, newId()]));
  const customerCategoryIds = new Map(CUSTOMER_CATEGORIES.map((c) => [c.code, newId()]));
  const products = [...generateProducts(productCount)].map((p) => ({ ...p, id: newId() }));
  const customers = generateCustomers(customerCount).map((c) => ({ ...c, id: newId() }));
  const openingStockId = newId();

  await db.$transaction(
    async (tx) => {
      await tx.outlet.create({
        data: { id: outletId, code: DEMO_OUTLET.code, name: DEMO_OUTLET.name, address: DEMO_OUTLET.address, currency: DEMO_OUTLET.currency, locale: DEMO_OUTLET.locale, timezone: DEMO_OUTLET.timezone, settings: JSON.stringify(DEMO_OUTLET.settings) },
      });
      await tx.register.createMany({
        data: [
          { id: newId(), outletId, code: 'R1', name: 'Register 1' },
          { id: newId(), outletId, code: 'R2', name: 'Register 2' },
        ],
      });
      await tx.user.createMany({ data: users });
      await tx.taxRate.createMany({
        data: [
          { id: taxIds.standard, code: 'standard', name: 'VAT 21%', rateBp: 2100 },
          { id: taxIds.reduced, code: 'reduced', name: 'VAT 9%', rateBp: 900 },
          { id: taxIds.zero, code: 'zero', name: 'VAT 0%', rateBp: 0 },
        ],
      });
      await tx.category.createMany({ data: CATEGORIES.map((c) => ({ id: categoryIds.get(c.code)!, code: c.code, name: c.name })) });
      await inChunks(products, 500, (chunk) =>
        tx.product.createMany({
          data: chunk.map((p) => ({
            id: p.id, sku: p.sku, name: p.name, searchName: p.name.toLowerCase(), unit: p.unit, categoryId: categoryIds.get(p.categoryCode)!,
            taxRateId: taxIds[p.tax], price: p.price, cost: p.cost, discountable: p.discountable, plu: p.plu,
            // Weighed and labelled goods carry in-store codes: their price may come from a label.
            priceLabelled: p.plu !== null,
          })),
        }),
      );
      // Sold at the till by amount; a gift card is money held for the customer, so no VAT and no stock.
      await tx.product.create({
        data: { id: newId(), sku: 'GIFT-CARD', name: 'Gift card', searchName: 'gift card', unit: 'piece', taxRateId: taxIds.zero, price: 0, cost: 0, discountable: false, kind: 'gift-card' },
      });
      // Stored in the form a scan looks codes up in: the UPC-A codes as 13 digits.
      await inChunks(products.flatMap((p) => p.barcodes.map((code) => ({ code: normaliseBarcode(code).code, productId: p.id }))), 1000, (chunk) => tx.barcode.createMany({ data: chunk }));
      await inChunks(products, 1000, (chunk) =>
        tx.stockMovement.createMany({ data: chunk.map((p) => ({ id: newId(), outletId, productId: p.id, kind: 'delivery', quantityMilli: p.stockMilli, documentId: openingStockId })) }),
      );
      await inChunks(products, 1000, (chunk) => tx.stockBalance.createMany({ data: chunk.map((p) => ({ outletId, productId: p.id, quantityMilli: p.stockMilli })) }));
      await seedDemoSuppliers(tx, products);
      await tx.customerCategory.createMany({ data: CUSTOMER_CATEGORIES.map((c) => ({ id: customerCategoryIds.get(c.code)!, ...c })) });
      await inChunks(customers, 1000, (chunk) =>
        tx.customer.createMany({
          data: chunk.map((c) => ({
            id: c.id, outletId, name: c.name, searchName: c.name.toLowerCase(), phone: c.phone, email: c.email,
            categoryId: c.categoryCode ? customerCategoryIds.get(c.categoryCode)! : null,
          })),
        }),
      );
      await inChunks(customers, 1000, (chunk) => tx.customerCard.createMany({ data: chunk.map((c) => ({ code: c.card, customerId: c.id })) }));
      await tx.discountRule.createMany({
        data: [
          {
            id: newId(), name: "Pensioners' hours", kind: 'customer-category', priority: 10,
            params: JSON.stringify({ categoryCode: 'pensioner', percentBp: 1000, windows: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '12:00' }] }),
          },
          { id: newId(), name: 'Pensioner', kind: 'customer-category', priority: 5, params: JSON.stringify({ categoryCode: 'pensioner', percentBp: 500 }) },
          {
            id: newId(), name: 'Big basket', kind: 'receipt-total', priority: 0,
            params: JSON.stringify({ tiers: [{ minSubtotal: 5000, percentBp: 300 }, { minSubtotal: 10000, percentBp: 500 }] }),
          },
        ],
      });
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  return { outletId };
}

/** Seeds the demo shop when the database has no outlet yet; leaves a real shop's data alone. */
export async function seedOutletIfEmpty(db: Db): Promise<boolean> {
  if ((await db.outlet.count()) > 0) return false;
  await seedDemoData(db);
  return true;
}
