import { z } from 'zod';
import { CUSTOM_FIELD_TYPES, CustomFieldDataSchema, CustomFieldKeySchema, CustomFieldValuesSchema } from './custom-fields.ts';
import { CustomerStatusSchema } from './funnel.ts';
import { E164Schema } from '../phone.ts';
import { BasisPointsSchema, CurrencyCodeSchema, DaySchema, IdSchema, LocaleSchema, NonNegativeMoneySchema, UnitSchema } from './common.ts';
import { NewDiscountRuleSchema } from './pricing.ts';
import { PublicKeySchema } from './stock.ts';
import { CUSTOMER_CONSENT_FIELDS } from './sync.ts';
import { OwnPricePermissionFieldsSchema, OwnPriceRuleSchema, PulledOwnPriceProductPermissionSchema } from './own-prices.ts';

/**
 * Master data as head office keeps it and outlets pull it (architecture invariant 10): the same
 * shape is what head office's administrator puts and what an outlet applies.
 */
export const MASTER_ENTITIES = ['tax-rate', 'category', 'customer-category', 'product', 'discount-rule', 'customer', 'user', 'supplier', 'custom-field', 'customer-status'] as const;
export type MasterEntity = (typeof MASTER_ENTITIES)[number];
/**
 * What outlets pull: the master data, the chain's outlets with the keys their transfer notes are
 * signed with, and head office's own-price permissions for the pulling outlet (which it applies to
 * its products itself; an outlet that does not say it accepts them gets every product they cover).
 */
export const PULLED_ENTITIES = [...MASTER_ENTITIES, 'outlet', 'own-price-permission', 'own-price-product-permission'] as const;
export type PulledEntity = (typeof PULLED_ENTITIES)[number];
/** The pulled entities an outlet says it accepts (`accepts=`), which older outlets' pulls leave out. */
export const OPTIONAL_PULLED_ENTITIES = ['own-price-permission', 'own-price-product-permission'] as const satisfies readonly PulledEntity[];
export type OptionalPulledEntity = (typeof OPTIONAL_PULLED_ENTITIES)[number];

const Code = z.string().trim().min(1).max(60);
const Name = z.string().trim().min(1).max(200);

export const TaxRateDataSchema = z.object({ code: Code, name: Name, rateBp: BasisPointsSchema });
/** Categories form a tree; an archived one is offered for no new product. */
export const CategoryDataSchema = z.object({ code: Code, name: Name, parentId: IdSchema.nullable().default(null), active: z.boolean().default(true) });
export const CustomerCategoryDataSchema = z.object({ code: Code, name: Name, discountBp: BasisPointsSchema.default(0), pointsEarnBp: BasisPointsSchema.default(0) });
export const ProductDataSchema = z.object({
  sku: Code,
  name: Name,
  unit: UnitSchema.default('piece'),
  categoryId: IdSchema.nullable().default(null),
  taxRateId: IdSchema,
  price: NonNegativeMoneySchema,
  cost: NonNegativeMoneySchema.default(0),
  discountable: z.boolean().default(true),
  /** May take its price from a scanned code (an in-store price label, GS1 AI 392n), within the outlet's rules. */
  priceLabelled: z.boolean().default(false),
  /** family: a product with variants (options), which never sells; its variants name it in parentId. */
  kind: z.enum(['goods', 'service', 'gift-card', 'deposit', 'family']).default('goods'),
  active: z.boolean().default(true),
  plu: z.string().regex(/^\d{1,6}$/).nullable().default(null),
  /** Codes as typed: checked and stored in the one form outlets look them up in; a code moves to this product if another had it. */
  barcodes: z.array(z.string().min(1).max(64)).max(50).default([]),
  /** A variant: the product with variants it belongs to, and its value of each of that product's options. */
  parentId: IdSchema.nullable().default(null),
  optionValues: z.array(z.string().trim().min(1).max(40)).max(5).default([]),
  /** A product with variants: its options. */
  options: z.array(z.object({ name: z.string().trim().min(1).max(40), values: z.array(z.string().trim().min(1).max(40)).min(1).max(50) })).max(3).default([]),
  tileColour: z.string().regex(/^#[0-9a-fA-F]{6}$/).nullable().default(null),
  /** A small PNG, JPEG or WebP as a data URL. */
  picture: z.string().regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/).max(200_000).nullable().default(null),
  /** Prices from a moment on (scheduled changes): outlets sell by the one in force at the sale's time. */
  priceChanges: z.array(z.object({ from: z.iso.datetime({ offset: true }), price: NonNegativeMoneySchema })).max(50).default([]),
});
export const DiscountRuleDataSchema = z.object({
  rule: NewDiscountRuleSchema.shape.rule,
  priority: z.number().int().min(-1000).max(1000).default(0),
  active: z.boolean().default(true),
});
const ConsentTime = z.iso.datetime({ offset: true }).nullable().optional();
const CONSENT_AHEAD_MS = 2 * 60_000;
export const CustomerDataSchema = z.object({
  name: Name,
  kind: z.enum(['person', 'company']).default('person'),
  phone: E164Schema.nullable().default(null),
  email: z.email().nullable().default(null),
  categoryId: IdSchema.nullable().default(null),
  personalDiscountBp: BasisPointsSchema.default(0),
  birthday: DaySchema.nullable().default(null),
  address: z.string().max(300).default(''),
  notes: z.string().max(2000).default(''),
  companyCode: z.string().max(40).nullable().default(null),
  vatCode: z.string().max(40).nullable().default(null),
  locale: LocaleSchema.nullable().default(null),
  cards: z.array(z.string().min(1).max(64)).max(20).default([]),
  /** Values of the chain's custom fields of customers, by key (head office checks them against its definitions). */
  customFields: CustomFieldValuesSchema.default({}),
  /**
   * When the customer consented to e-mails and to texts, and refused service messages (null: not).
   * Left out, they stay as they are: a put need not know them, and a head office from before they
   * travelled leaves the outlet's own.
   */
  emailConsentAt: ConsentTime,
  smsConsentAt: ConsentTime,
  serviceMessagesRefusedAt: ConsentTime,
});
/** A consent's time as head office's administrator puts it: not ahead of head office's clock by more than its clocks differ. */
const PutCustomerDataSchema = CustomerDataSchema.superRefine((c, ctx) => {
  for (const field of CUSTOMER_CONSENT_FIELDS) {
    const at = c[field];
    if (at && Date.parse(at) > Date.now() + CONSENT_AHEAD_MS) ctx.addIssue({ code: 'custom', path: [field], message: 'in the future' });
  }
});

/** A till user as head office puts them: for every outlet (outletCode null) or one; PIN and password hashed at head office. */
export const UserDataSchema = z.object({
  login: z.string().trim().regex(/^[a-z0-9._-]{2,40}$/, 'lower-case letters, digits, . _ -'),
  name: Name,
  role: z.enum(['cashier', 'senior_cashier', 'manager', 'owner']),
  outletCode: z.string().min(1).max(40).nullable().default(null),
  /** Required for a new user; left out, the PIN stays as it is. */
  pin: z.string().regex(/^\d{4,8}$/, '4 to 8 digits').optional(),
  password: z.string().min(10).max(200).optional(),
  active: z.boolean().default(true),
  locale: z.string().max(10).nullable().default(null),
});

/** A supplier the chain buys from; its outlets keep their own price lists with it. */
export const SupplierDataSchema = z.object({
  code: z.string().trim().min(1).max(40),
  name: Name,
  contact: z.string().max(300).default(''),
  leadTimeDays: z.number().int().min(0).max(365).default(0),
  minOrderAmount: NonNegativeMoneySchema.default(0),
  /** null: each outlet's own currency. */
  currency: CurrencyCodeSchema.nullable().default(null),
  archived: z.boolean().default(false),
});

/** A stage of the chain's funnel: its place in the funnel's order, and the stages a customer in it may move to. */
export const CustomerStatusDataSchema = CustomerStatusSchema.omit({ id: true }).extend({
  position: z.number().int().min(0).max(999),
  moves: z.array(IdSchema).max(30).default([]),
});

export const MASTER_DATA_SCHEMAS = {
  'tax-rate': TaxRateDataSchema,
  category: CategoryDataSchema,
  'customer-category': CustomerCategoryDataSchema,
  product: ProductDataSchema,
  'discount-rule': DiscountRuleDataSchema,
  customer: PutCustomerDataSchema,
  user: UserDataSchema,
  supplier: SupplierDataSchema,
  'custom-field': CustomFieldDataSchema,
  'customer-status': CustomerStatusDataSchema,
} as const satisfies Record<MasterEntity, z.ZodType>;

/** One change as pulled: the entity's current data, or null when head office no longer has it. */
export const MasterChangeSchema = z.object({
  seq: z.number().int().positive(),
  entity: z.enum(PULLED_ENTITIES),
  id: z.string().min(1),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type MasterChangeItem = z.infer<typeof MasterChangeSchema>;

export const PullQuerySchema = z.object({
  /** The last seq the outlet applied (0: from the start, a new outlet's snapshot). */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
  /** Entities of OPTIONAL_PULLED_ENTITIES the outlet applies, comma-separated. */
  accepts: z.string().max(200).default('').transform((s) => s.split(',').filter((e): e is OptionalPulledEntity => (OPTIONAL_PULLED_ENTITIES as readonly string[]).includes(e))),
});
export const PullPageSchema = z.object({
  changes: z.array(MasterChangeSchema),
  /** Pull again after this; equal to `after` when nothing was new. */
  cursor: z.number().int().min(0),
  more: z.boolean(),
});
export type PullPage = z.infer<typeof PullPageSchema>;

const withId = { id: z.string().min(1) };
/** What an outlet accepts as pulled data for each entity (the put shape with its id, and what a product or customer carries along). */
export const PULLED_SCHEMAS = {
  'tax-rate': TaxRateDataSchema.extend(withId),
  category: CategoryDataSchema.extend(withId),
  'customer-category': CustomerCategoryDataSchema.extend(withId),
  product: ProductDataSchema.extend({
    ...withId,
    taxRate: TaxRateDataSchema.extend(withId),
    category: CategoryDataSchema.extend(withId).nullable(),
    /** A variant brings the product it belongs to (as it is now), so changes apply in any order. */
    parent: ProductDataSchema.extend({ ...withId, taxRate: TaxRateDataSchema.extend(withId), category: CategoryDataSchema.extend(withId).nullable() }).nullable().default(null),
    /**
     * Whether (and within what) this outlet may set its own price of the product; null: head office's
     * price holds. For outlets that do not accept own-price permissions (they work it out themselves).
     */
    ownPrice: OwnPriceRuleSchema.nullable().default(null),
    /** The chain's price (`price` is this outlet's): what a within-percent bound counts from. */
    chainPrice: NonNegativeMoneySchema.nullable().default(null),
  }),
  'discount-rule': DiscountRuleDataSchema.extend(withId),
  customer: CustomerDataSchema.extend({
    ...withId,
    category: CustomerCategoryDataSchema.extend(withId).nullable(),
    /** Net spend at the chain's other outlets in the last 12 months (computed for the pulling outlet). */
    chainSpendElsewhere: z.number().int().default(0),
    /** The customer this one was merged into (at an outlet or head office): its id then answers with that one. */
    mergedIntoId: IdSchema.nullable().default(null),
    /**
     * When each field's value at head office was set by an outlet's edit (the edit's time as head
     * office merged it), by field, `cf:key` for a custom field: an outlet keeps its own value of a
     * field it edited later and has not sent yet, which head office will take.
     */
    fieldClocks: z.record(z.string(), z.string()).default({}),
  }),
  /** Only the hashes travel; a user of another outlet comes as null (deactivated there). */
  user: z.object({
    ...withId,
    login: z.string().min(1).max(60),
    name: Name,
    role: z.enum(['cashier', 'senior_cashier', 'manager', 'owner']),
    pinHash: z.string().startsWith('scrypt$'),
    passwordHash: z.string().startsWith('scrypt$').nullable(),
    active: z.boolean(),
    locale: z.string().max(10).nullable(),
  }),
  supplier: SupplierDataSchema.extend(withId),
  'custom-field': z.object({ ...withId, key: CustomFieldKeySchema, label: z.string(), type: z.enum(CUSTOM_FIELD_TYPES), choices: z.array(z.string()).nullable(), defaultValue: z.union([z.string(), z.number(), z.boolean()]).nullable(), required: z.boolean(), position: z.number().int(), archived: z.boolean() }),
  'customer-status': CustomerStatusDataSchema.extend(withId),
  /** Another outlet of the chain, once head office holds its public key (from its first push). */
  outlet: z.object({ ...withId, code: z.string().min(1).max(40), name: Name, publicKey: PublicKeySchema }),
  /** Whether this outlet may set its own prices, of all its products (categoryId null) or of a category and those below it. */
  'own-price-permission': OwnPricePermissionFieldsSchema.extend(withId),
  /** Whether this outlet may set its own price of one product (and its variants), whatever its category's permission says. */
  'own-price-product-permission': PulledOwnPriceProductPermissionSchema.extend(withId),
} as const satisfies Record<PulledEntity, z.ZodType>;

export type Pulled<E extends PulledEntity> = z.output<(typeof PULLED_SCHEMAS)[E]>;
