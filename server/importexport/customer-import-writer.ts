import type Database from 'better-sqlite3';
import { newId } from '../../shared/ids.ts';
import type { UpdatableField, UpdateRule } from '../../shared/schemas/importexport.ts';
import type { Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import type { StoredValue } from '../custom-fields/values.ts';
import { customerEditOf, syncedFieldsOfMany, type SyncedFields } from '../customers/sync-edits.ts';
import { statusMoveEntry } from '../crm/funnel/statuses.ts';
import { queueOnConnection } from '../sync/outbox.ts';

/** Customer columns an import sets, and the update rule each follows. */
const RULE_OF_COLUMN = {
  name: 'name', phone: 'phone', email: 'email', birthday: 'birthday', address: 'address', notes: 'notes',
  categoryId: 'category', companyCode: 'companyCode', vatCode: 'vatCode', locale: 'locale',
} as const satisfies Record<string, UpdatableField>;
type Column = keyof typeof RULE_OF_COLUMN;
const COLUMNS = Object.keys(RULE_OF_COLUMN) as Column[];

type Contact = { name: string; role: string; phone: string | null; email: string | null };

/** One customer as an import will write them: created, or updated by the rules. */
export interface PlannedCustomer {
  customerId: string;
  action: 'create' | 'update';
  kind: 'person' | 'company';
  fields: Partial<Record<Column, string>>;
  /** Every phone of the rows, the first the main one. */
  phones: { phone: string; label: string }[];
  cards: string[];
  contacts: Contact[];
  /** The status in the funnel the file gives (checked against the funnel by the reader); null: none given. */
  statusId: string | null;
  /** Custom field values by field id, in their typed columns. */
  customFields: Map<string, StoredValue>;
  openings: { spend: number; points: number; registeredOn: string | null; giftCards: { code: string; balance: number }[] };
}

/** A row of the journal for something an update added beside the customer's fields (undone by removing it). */
type Added = { table: 'CustomerPhone' | 'CustomerContact' | 'CustomerOpening' | 'PointsMovement'; id: string } | { table: 'CustomerCard' | 'GiftCard'; code: string };

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** A move through the funnel an import made, as kept in the customer's status history. */
type StatusMove = { id: string; customerId: string; fromId: string | null; toId: string };

/**
 * Writes planned customers and the journal that undoes them, a batch per transaction, and queues
 * each customer created or changed (and each move through the funnel) for head office in the same
 * transaction, as the customer form does, held back until the import is done (import-run.ts).
 */
export class CustomerBatchWriter {
  constructor(
    private readonly db: Db,
    private readonly sql: Database.Database,
    private readonly outletId: string,
    private readonly userId: string,
    private readonly importId: string,
    private readonly ruleOf: (field: UpdatableField) => UpdateRule,
    /** How an update changes a custom field's value. */
    private readonly customFieldRule: UpdateRule,
  ) {}

  /** Takes a later row of the same customer into an earlier one: fields by the rules, lists added together, balances summed. */
  combine(earlier: PlannedCustomer, later: PlannedCustomer): PlannedCustomer {
    const fields = { ...earlier.fields };
    for (const column of Object.keys(later.fields) as Column[]) {
      if (isEmpty(fields[column]) || this.ruleOf(RULE_OF_COLUMN[column]) === 'overwrite') fields[column] = later.fields[column];
    }
    const days = [earlier.openings.registeredOn, later.openings.registeredOn].filter((d): d is string => d !== null).sort();
    return {
      ...earlier,
      kind: earlier.kind === 'company' || later.kind === 'company' ? 'company' : 'person',
      fields,
      phones: [...earlier.phones, ...later.phones.filter((p) => !earlier.phones.some((e) => e.phone === p.phone))],
      cards: [...earlier.cards, ...later.cards.filter((c) => !earlier.cards.some((e) => e.toUpperCase() === c.toUpperCase()))],
      contacts: [...earlier.contacts, ...later.contacts.filter((c) => !earlier.contacts.some((e) => e.name === c.name))],
      statusId: later.statusId ?? earlier.statusId,
      customFields: this.customFieldRule === 'overwrite' ? new Map([...earlier.customFields, ...later.customFields]) : new Map([...later.customFields, ...earlier.customFields]),
      openings: {
        spend: earlier.openings.spend + later.openings.spend,
        points: earlier.openings.points + later.openings.points,
        registeredOn: days[0] ?? null,
        giftCards: [...earlier.openings.giftCards, ...later.openings.giftCards],
      },
    };
  }

  async write(batch: PlannedCustomer[]): Promise<void> {
    const { sql } = this;
    await this.db.$transaction(
      async () => {
        // A new customer's cards and phones are written before the customer (checked at commit), so
        // that the search index's triggers write each customer's entry once, complete; and the new
        // customers of a batch are written by one statement, since FTS5 writes its pending entries
        // out at every statement that touches it (one index segment per customer otherwise).
        statement(sql, 'PRAGMA defer_foreign_keys = ON').run();
        const at = new Date();
        const now = sqliteTimestamp(at);
        const before = syncedFieldsOfMany(sql, batch.filter((p) => p.action === 'update').map((p) => p.customerId));
        const cardsAdded = new Map<string, string[]>();
        const journal = statement(sql, `INSERT INTO "ImportChange" ("id","importId","entityId","action","before","after","card") VALUES (?,?,?,?,?,?,NULL)`);
        const current = statement(sql, `SELECT ${COLUMNS.map((c) => `"${c}"`).join(',')}, "kind" FROM "Customer" WHERE "id" = ?`);
        const created: unknown[][] = [];
        for (const p of batch) {
          const added: Added[] = [];
          let mainPhone: string | null;
          if (p.action === 'create') {
            const f = p.fields;
            mainPhone = f.phone ?? null;
            this.#addLists(p, mainPhone, added);
            created.push([p.customerId, f.name, f.name!.toLowerCase(), p.kind, f.phone ?? null, f.email ?? null, f.categoryId ?? null, f.birthday ?? null, f.address ?? '', f.notes ?? '', f.companyCode ?? null, f.vatCode ?? null, f.locale ?? null]);
            journal.run(newId(), this.importId, p.customerId, 'create', '{}', '{}');
          } else {
            const before = current.get(p.customerId) as Record<string, unknown>;
            const after: Record<string, unknown> = {};
            for (const column of Object.keys(p.fields) as Column[]) {
              const value = p.fields[column];
              if (value === before[column]) continue;
              if (isEmpty(before[column]) || this.ruleOf(RULE_OF_COLUMN[column]) === 'overwrite') after[column] = value;
            }
            if (typeof after.name === 'string') after.searchName = after.name.toLowerCase();
            if (p.kind === 'company' && before.kind !== 'company') after.kind = 'company';
            const changed = Object.keys(after);
            if (changed.length) {
              statement(sql, `UPDATE "Customer" SET ${changed.map((k) => `"${k}" = @${k}`).join(', ')}, "updatedAt" = @now WHERE "id" = @id`).run({ ...after, now, id: p.customerId });
            }
            const previous = Object.fromEntries(changed.map((k) => [k, k === 'searchName' ? String(before.name ?? '').toLowerCase() : before[k]]));
            journal.run(newId(), this.importId, p.customerId, 'update', JSON.stringify(previous), JSON.stringify(after));
            mainPhone = (after.phone as string | undefined) ?? (before.phone as string | null);
            this.#addLists(p, mainPhone, added);
          }
          cardsAdded.set(p.customerId, added.flatMap((a) => (a.table === 'CustomerCard' ? [a.code] : [])));
          this.#addOpenings(p, now, added);
          this.#setCustomFields(p);
          if (p.action === 'update') for (const a of added) journal.run(newId(), this.importId, p.customerId, 'added', '{}', JSON.stringify(a));
        }
        statement(
          sql,
          `INSERT INTO "Customer" ("id","outletId","name","searchName","kind","phone","email","categoryId","birthday","address","notes","companyCode","vatCode","locale","createdById","createdAt","updatedAt")
           SELECT value ->> 0, @outletId, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12, @createdById, @now, @now FROM json_each(@rows)`,
        ).run({ rows: JSON.stringify(created), outletId: this.outletId, createdById: this.userId, now });
        const moves = this.#moveStatuses(batch, now);
        this.#queueForHeadOffice(batch, before, cardsAdded, moves, at);
      },
      { timeout: 120_000 },
    );
  }

  /**
   * Each customer of the batch as head office takes them (created: every field; updated: the
   * fields that changed, and cards added), then each move through the funnel, after the customer
   * it moves: the outbox's order is the order head office checks them in.
   */
  #queueForHeadOffice(batch: PlannedCustomer[], before: Map<string, SyncedFields>, cardsAdded: Map<string, string[]>, moves: StatusMove[], at: Date): void {
    const after = syncedFieldsOfMany(this.sql, batch.map((p) => p.customerId));
    const held = { outletId: this.outletId, createdAt: at, heldByImportId: this.importId };
    for (const p of batch) {
      const edit = customerEditOf(p.customerId, before.get(p.customerId) ?? null, after.get(p.customerId)!, cardsAdded.get(p.customerId) ?? [], at);
      if (edit) queueOnConnection(this.sql, { ...held, type: 'customer-edit', documentId: newId(), payload: JSON.stringify(edit) });
    }
    const managerOf = statement(this.sql, `SELECT "managerId" FROM "CustomerManager" WHERE "customerId" = ?`);
    for (const move of moves) {
      const managerId = (managerOf.get(move.customerId) as { managerId: string } | undefined)?.managerId ?? null;
      const entry = statusMoveEntry(this.outletId, { ...move, userId: this.userId, at, managerId });
      queueOnConnection(this.sql, { ...held, ...entry, payload: JSON.stringify(entry.payload) });
    }
  }

  /** Each customer the file gives another status to moves there, the move kept in their status history. */
  #moveStatuses(batch: PlannedCustomer[], now: string): StatusMove[] {
    const { sql } = this;
    const current = statement(sql, `SELECT "statusId" FROM "CustomerStage" WHERE "customerId" = ?`);
    const stage = statement(sql, `INSERT INTO "CustomerStage" ("customerId","statusId","since") VALUES (?,?,?) ON CONFLICT ("customerId") DO UPDATE SET "statusId" = excluded."statusId", "since" = excluded."since"`);
    const change = statement(sql, `INSERT INTO "CustomerStatusChange" ("id","customerId","fromId","toId","userId","at") VALUES (?,?,?,?,?,?)`);
    const moves: StatusMove[] = [];
    for (const p of batch) {
      if (!p.statusId) continue;
      const fromId = (current.get(p.customerId) as { statusId: string } | undefined)?.statusId ?? null;
      if (fromId === p.statusId) continue;
      const move = { id: newId(), customerId: p.customerId, fromId, toId: p.statusId };
      stage.run(p.customerId, p.statusId, now);
      change.run(move.id, p.customerId, fromId, p.statusId, this.userId, now);
      moves.push(move);
    }
    return moves;
  }

  /** Phones besides the main one, cards and contact persons the customer does not have yet. */
  #addLists(p: PlannedCustomer, mainPhone: string | null, added: Added[]): void {
    const { sql } = this;
    const hasPhone = statement(sql, `SELECT 1 FROM "CustomerPhone" WHERE "customerId" = ? AND "phone" = ?`);
    const addPhone = statement(sql, `INSERT INTO "CustomerPhone" ("id","customerId","phone","label") VALUES (?,?,?,?)`);
    for (const { phone, label } of p.phones) {
      if (phone === mainPhone || hasPhone.get(p.customerId, phone)) continue;
      const id = newId();
      addPhone.run(id, p.customerId, phone, label);
      added.push({ table: 'CustomerPhone', id });
    }
    const cardOwner = statement(sql, `SELECT "customerId" FROM "CustomerCard" WHERE "code" IN (@code, upper(@code), lower(@code)) LIMIT 1`);
    const addCard = statement(sql, `INSERT INTO "CustomerCard" ("code","customerId") VALUES (?, ?)`);
    for (const code of p.cards) {
      if (cardOwner.get({ code })) continue;
      addCard.run(code, p.customerId);
      added.push({ table: 'CustomerCard', code });
    }
    const hasContact = statement(sql, `SELECT 1 FROM "CustomerContact" WHERE "customerId" = ? AND "name" = ?`);
    const addContact = statement(sql, `INSERT INTO "CustomerContact" ("id","customerId","name","role","phone","email") VALUES (?,?,?,?,?,?)`);
    for (const c of p.contacts) {
      if (hasContact.get(p.customerId, c.name)) continue;
      const id = newId();
      addContact.run(id, p.customerId, c.name, c.role, c.phone, c.email);
      added.push({ table: 'CustomerContact', id });
    }
  }

  /** The customer's custom field values: a new customer's all, an existing one's by the update rule (filling empty ones only, or overwriting). */
  #setCustomFields(p: PlannedCustomer): void {
    const keepExisting = p.action === 'update' && this.customFieldRule === 'fill-empty';
    const write = statement(
      this.sql,
      `INSERT INTO "CustomFieldValue" ("fieldId","entityId","text","number","integer","day") VALUES (@fieldId, @entityId, @text, @number, @integer, @day)
       ON CONFLICT ("fieldId","entityId") DO ${keepExisting ? 'NOTHING' : 'UPDATE SET "text" = excluded."text", "number" = excluded."number", "integer" = excluded."integer", "day" = excluded."day"'}`,
    );
    for (const [fieldId, value] of p.customFields) write.run({ fieldId, entityId: p.customerId, text: null, number: null, integer: null, day: null, ...value });
  }

  /** The opening entries of the customer's ledgers: spend and registration day, points, gift-card balances. */
  #addOpenings(p: PlannedCustomer, now: string, added: Added[]): void {
    const { sql } = this;
    const { spend, points, registeredOn, giftCards } = p.openings;
    const opening = statement(sql, `INSERT INTO "CustomerOpening" ("id","customerId","kind","amount","day","createdAt") VALUES (?,?,?,?,?,?)`);
    if (spend > 0) {
      const id = newId();
      opening.run(id, p.customerId, 'spend', spend, now.slice(0, 10), now);
      added.push({ table: 'CustomerOpening', id });
    }
    if (registeredOn) {
      const id = newId();
      opening.run(id, p.customerId, 'registered', 0, registeredOn, now);
      added.push({ table: 'CustomerOpening', id });
    }
    if (points) {
      const id = newId();
      statement(sql, `INSERT INTO "PointsMovement" ("id","customerId","kind","points","saleId","createdAt") VALUES (?,?,'opening',?,NULL,?)`).run(id, p.customerId, points, now);
      added.push({ table: 'PointsMovement', id });
    }
    for (const card of giftCards) {
      statement(sql, `INSERT INTO "GiftCard" ("code","initialAmount","soldInSaleId","issuedById","customerId","note","createdAt") VALUES (?,?,NULL,?,?,'opening balance (import)',?)`).run(card.code, card.balance, this.userId, p.customerId, now);
      statement(sql, `INSERT INTO "GiftCardMovement" ("id","code","kind","amount","saleId","createdAt") VALUES (?,?,'opening',?,NULL,?)`).run(newId(), card.code, card.balance, now);
      added.push({ table: 'GiftCard', code: card.code });
    }
  }
}
