import type Database from 'better-sqlite3';
import { newId } from '../../shared/ids.ts';
import type { CustomFieldDefinition, CustomFieldDefinitionInput, CustomFieldEntity } from '../../shared/schemas/custom-fields.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import { ownedByHeadOffice } from '../catalog/ownership.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';

type Row = { id: string; entity: string; key: string; label: string; type: string; choices: string | null; defaultValue: string | null; required: number; position: number; origin: string; archivedAt: string | number | null };

const fromRow = (r: Row): CustomFieldDefinition => ({
  id: r.id,
  entity: r.entity as CustomFieldDefinition['entity'],
  key: r.key,
  label: r.label,
  type: r.type as CustomFieldDefinition['type'],
  choices: r.choices ? JSON.parse(r.choices) : null,
  defaultValue: r.defaultValue === null ? null : JSON.parse(r.defaultValue),
  required: !!r.required,
  position: r.position,
  origin: r.origin as CustomFieldDefinition['origin'],
  archivedAt: r.archivedAt === null ? null : storedMoment(r.archivedAt).toISOString(),
});

/** A moment as the adapter stores it: epoch milliseconds, or text with or without its offset. */
const storedMoment = (value: string | number) => new Date(typeof value === 'number' || /(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);

/** The fields of an entity, in their order on forms; archived ones too when asked. Synchronous: filters and imports read them mid-statement. */
export function fieldsOf(sql: Database.Database, entity: CustomFieldEntity, archived = false): CustomFieldDefinition[] {
  const rows = statement(sql, `SELECT * FROM "CustomFieldDefinition" WHERE "entity" = ? AND (? OR "archivedAt" IS NULL) ORDER BY "position", "key"`).all(entity, archived ? 1 : 0) as Row[];
  return rows.map(fromRow);
}

const notFoundField = () => notFound('custom-field-not-found', 'No such custom field', [{ path: 'id', message: 'unknown custom field' }]);

/**
 * The owner's custom fields. A standalone outlet keeps its own; in a chain the customers' fields
 * are head office's master data (their values travel with the customers, so they must mean the
 * same at every outlet), and the outlet refuses to change them; products' and invoices' fields stay
 * the outlet's own either way. A field is archived, never deleted; its type changes only while no
 * record holds a value of it.
 */
export class CustomFields {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly chain: boolean,
  ) {}

  list(entity: CustomFieldEntity | undefined, archived: boolean): CustomFieldDefinition[] {
    const sql = sqliteOf(this.db);
    return (entity ? [entity] : (['customer', 'product', 'invoice'] as const)).flatMap((e) => fieldsOf(sql, e, archived));
  }

  #byId(id: string): CustomFieldDefinition | null {
    const row = statement(sqliteOf(this.db), `SELECT * FROM "CustomFieldDefinition" WHERE "id" = ?`).get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  #ownedHere(entity: CustomFieldEntity): void {
    if (entity === 'customer') ownedByHeadOffice(this.chain, ['entity']);
  }

  async create(auth: AuthContext, input: CustomFieldDefinitionInput): Promise<CustomFieldDefinition> {
    this.#ownedHere(input.entity);
    const id = newId();
    await this.db.$transaction(async (tx) => {
      if (await tx.customFieldDefinition.findUnique({ where: { entity_key: { entity: input.entity, key: input.key } } })) {
        throw new AppError(409, 'custom-field-exists', `There is a field ${input.key} already (archived fields keep their key)`, [{ path: 'body.key', message: 'already used' }], { field: input.key });
      }
      await tx.customFieldDefinition.create({ data: { id, ...columns(input), origin: 'outlet' } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'custom-field-create', entityType: 'custom-field', entityId: id, details: { field: input.key, type: input.type } });
    });
    return this.#byId(id)!;
  }

  /** Changes a field; its entity and key stay. A new type is refused while values of the old one exist. */
  async update(auth: AuthContext, id: string, input: CustomFieldDefinitionInput): Promise<CustomFieldDefinition> {
    const before = this.#byId(id);
    if (!before) throw notFoundField();
    this.#ownedHere(before.entity);
    if (input.entity !== before.entity || input.key !== before.key) {
      throw new AppError(409, 'custom-field-key-fixed', 'A field keeps its entity and key: imports, exports and print forms name it by them', [{ path: input.key !== before.key ? 'body.key' : 'body.entity', message: 'cannot change' }], { field: before.key });
    }
    await this.db.$transaction(async (tx) => {
      const held = await tx.customFieldValue.count({ where: { fieldId: id } });
      if (input.type !== before.type && held > 0) {
        throw new AppError(409, 'custom-field-type-in-use', `${held} records hold a ${before.type} value of ${before.key}: add a new field for the new type`, [{ path: 'body.type', message: `values of type ${before.type} exist` }], { field: before.key, count: held });
      }
      if (input.type === 'choice' && before.type === 'choice') {
        const dropped = (before.choices ?? []).filter((c) => !input.choices!.includes(c));
        const using = dropped.length ? await tx.customFieldValue.count({ where: { fieldId: id, text: { in: dropped } } }) : 0;
        if (using) throw new AppError(409, 'custom-field-choice-in-use', `${using} records hold a value no longer in the list`, [{ path: 'body.choices', message: `in use: ${dropped.join(', ')}` }], { field: before.key, count: using });
      }
      await tx.customFieldDefinition.update({ where: { id }, data: columns(input) });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'custom-field-change', entityType: 'custom-field', entityId: id, details: { field: before.key } });
    });
    return this.#byId(id)!;
  }

  /** Archives a field (off forms, imports and filters); its values stay, and restoring it brings them back. */
  async archive(auth: AuthContext, id: string, archived: boolean): Promise<CustomFieldDefinition> {
    const before = this.#byId(id);
    if (!before) throw notFoundField();
    this.#ownedHere(before.entity);
    await this.db.$transaction(async (tx) => {
      await tx.customFieldDefinition.update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: archived ? 'custom-field-archive' : 'custom-field-restore', entityType: 'custom-field', entityId: id, details: { field: before.key } });
    });
    return this.#byId(id)!;
  }
}

const columns = (d: CustomFieldDefinitionInput) => ({
  entity: d.entity,
  key: d.key,
  label: d.label,
  type: d.type,
  choices: d.choices ? JSON.stringify(d.choices) : null,
  defaultValue: d.defaultValue === null ? null : JSON.stringify(d.defaultValue),
  required: d.required,
  position: d.position,
});
