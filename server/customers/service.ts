import { parsePhone, type CountryCode } from '../../shared/phone.ts';
import { CJK, foldForSearch, gramToken } from '../../shared/search-text.ts';
import type { CustomerFilter, CustomerView } from '../../shared/schemas/customers.ts';
import { customerFilterSql } from './filter.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { CustomerRepository } from './repository.ts';
import type { PricingCustomer } from '../../shared/pricing/types.ts';
import type { SeenCustomers } from '../crm/visibility.ts';
import { fieldsOf } from '../custom-fields/definitions.ts';

export function toPricingCustomer(c: CustomerView): PricingCustomer {
  return {
    id: c.id,
    categoryCode: c.categoryCode,
    categoryName: c.categoryName,
    cumulativeSpend: c.cumulativeSpend,
    categoryDiscountBp: c.categoryDiscountBp,
    personalDiscountBp: c.personalDiscountBp,
  };
}

/** Customer look-ups for the register (the full customer base is a later issue). */
export class CustomerService {
  readonly #repository: CustomerRepository;

  constructor(
    private readonly db: Db,
    private readonly phoneCountry: CountryCode,
    spendPeriodDays = 365,
    timeZone = 'UTC',
  ) {
    this.#repository = new CustomerRepository(db, spendPeriodDays, timeZone);
  }

  /** A customer by id; the id of a customer merged into another answers with that other one (the one kept). */
  async byId(id: string): Promise<CustomerView | null> {
    return (await this.byIdFollowingMerges(id))?.customer ?? null;
  }

  async byCard(code: string): Promise<CustomerView | null> {
    return this.#repository.byCard(code.trim());
  }

  /** A page of the customer base (or the part a filter picks) in name order, for the back office: the customers seen only. */
  list(seen: SeenCustomers, limit: number, offset: number, filter: CustomerFilter = {}, timezone = 'UTC'): { items: CustomerView[]; total: number } {
    const sql = sqliteOf(this.db);
    const { where, params } = customerFilterSql(filter, timezone, seen, fieldsOf(sql, 'customer'));
    const condition = where.join(' AND ');
    const rows = statement(sql, `SELECT c."id" FROM "Customer" c WHERE ${condition} ORDER BY c."name" LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as { id: string }[];
    const { total } = statement(sql, `SELECT COUNT(*) AS "total" FROM "Customer" c WHERE ${condition}`).get(params) as { total: number };
    return { items: this.#repository.byIds(rows.map((r) => r.id)), total };
  }

  /** The customer an id stands for: the one kept when it was merged into another (an unknown id stays as it is). */
  keptId(id: string): string {
    return this.#repository.mergedInto(id)?.mergedIntoId ?? id;
  }

  /** The customers merged into this one (their history is theirs). */
  mergedIds(id: string): string[] {
    return (statement(sqliteOf(this.db), `SELECT "id" FROM "Customer" WHERE "mergedIntoId" = ?`).all(id) as { id: string }[]).map((r) => r.id);
  }

  /** A customer by id, and the id asked for when it was a customer merged into this one. */
  async byIdFollowingMerges(id: string): Promise<{ customer: CustomerView; mergedFrom: string | null } | null> {
    const stored = this.#repository.mergedInto(id);
    if (!stored) return null;
    const customer = this.#repository.byId(stored.mergedIntoId ?? id);
    return customer ? { customer, mergedFrom: stored.mergedIntoId ? id : null } : null;
  }

  /**
   * Customers as cashiers and the back office look for them: by any part (three characters or
   * more) of the name with case, diacritics and ё folded and words in any order, of any of their
   * phones (the last digits, as "4567"; a contact person's too), of a card in any case, of the
   * e-mail before the "@", of the company or VAT code; one or two CJK characters of a name; a
   * whole phone in any national or international form. Exact matches first, then names with
   * every word typed as a whole word ("Петров" before "Петрова"), then phones ending in the digits
   * typed, then by name. Each kind of match is one indexed look-up (the trigram
   * index of migration 0025), so it stays fast on a million customers (bench/).
   */
  async search(q: string, limit: number): Promise<CustomerView[]> {
    const { exact, wholeWords, matched, digits } = this.#matches(q, SEARCH_CANDIDATES, limit);
    const sql = sqliteOf(this.db);
    // Candidates by rowid (the indexes' own key: no look-up through the id index); CROSS JOIN keeps
    // SQLite from walking the mergedIntoId index (all but a few rows are NULL there).
    const page = statement(
      sql,
      `WITH "exact"("id") AS (SELECT value FROM json_each(@exact)), "whole"("rowid") AS (SELECT value FROM json_each(@wholeWords)),
         "candidate"("rowid") AS (SELECT c.rowid FROM "exact" e JOIN "Customer" c ON c."id" = e."id" UNION SELECT "rowid" FROM "whole" UNION SELECT value FROM json_each(@matched))
       SELECT c."id" FROM "candidate" j CROSS JOIN "Customer" c ON c.rowid = j."rowid" WHERE c."mergedIntoId" IS NULL
       ORDER BY c."id" IN "exact" DESC, c.rowid IN "whole" DESC,
         (@digits <> '' AND replace(c."phone", '+', '') LIKE '%' || @digits) DESC, c."name" LIMIT @limit`,
    ).all({ exact: JSON.stringify(exact), wholeWords: JSON.stringify(wholeWords), matched: JSON.stringify(matched), digits, limit }) as { id: string }[];
    return this.#repository.byIds(page.map((r) => r.id));
  }

  /**
   * Every customer of a filtered list, or of what a search finds in it, a page at a time in the
   * order they were added (exact matches of a search first): what an export holds, read page by
   * page so that a million customers never sit in memory at once. The customers seen only.
   */
  pages(seen: SeenCustomers, q: string | undefined, filter: CustomerFilter, timezone: string, pageSize = 1_000): Generator<CustomerView[]> {
    // The filter is checked now, before an export starts streaming: a refusal is an answer of its own.
    return this.#pages(customerFilterSql(filter, timezone, seen, fieldsOf(sqliteOf(this.db), 'customer')), q, pageSize);
  }

  *#pages({ where, params }: { where: string[]; params: Record<string, unknown> }, q: string | undefined, pageSize: number): Generator<CustomerView[]> {
    const sql = sqliteOf(this.db);
    const condition = where.join(' AND ');
    const inList = (ids: string[]) =>
      (statement(sql, `SELECT c."id" FROM json_each(@ids) j CROSS JOIN "Customer" c ON c."id" = j.value WHERE ${condition}`).all({ ...params, ids: JSON.stringify(ids) }) as { id: string }[]).map((r) => r.id);
    const page = (ids: string[]) => this.#repository.byIds(inList(ids));
    if (q === undefined) {
      for (let after = 0; ; ) {
        const rows = statement(sql, `SELECT c.rowid AS "rowid", c."id" FROM "Customer" c WHERE ${condition} AND c.rowid > @after ORDER BY c.rowid LIMIT @limit`).all({ ...params, after, limit: pageSize }) as { rowid: number; id: string }[];
        if (!rows.length) return;
        after = rows[rows.length - 1].rowid;
        yield this.#repository.byIds(rows.map((r) => r.id));
      }
    }
    const { exact, match } = this.#matches(q, 0);
    const shown = new Set(exact);
    if (exact.length) yield page(exact);
    // The index's matches by rowid, or (for one or two letters) names that start so, by name.
    const next = match
      ? (() => {
          let after = 0;
          return () => {
            const rows = statement(sql, `SELECT s.rowid AS "rowid", c."id" FROM "CustomerSearch" s JOIN "Customer" c ON c.rowid = s.rowid WHERE "CustomerSearch" MATCH @match AND s.rowid > @after ORDER BY s.rowid LIMIT @limit`).all({ match, after, limit: pageSize }) as { rowid: number; id: string }[];
            after = rows.at(-1)?.rowid ?? after;
            return rows.map((r) => r.id);
          };
        })()
      : (() => {
          const prefix = q.trim().toLowerCase();
          let after = { name: prefix, id: '' };
          return () => {
            const rows = statement(sql, `SELECT "searchName" AS "name", "id" FROM "Customer" WHERE ("searchName", "id") > (@name, @id) AND "searchName" < @end ORDER BY "searchName", "id" LIMIT @limit`).all({ ...after, end: `${prefix}\uffff`, limit: pageSize }) as { name: string; id: string }[];
            after = rows.at(-1) ?? after;
            return rows.map((r) => r.id);
          };
        })();
    for (let ids = next(); ids.length; ids = next()) {
      const fresh = ids.filter((id) => !shown.has(id));
      if (fresh.length) yield page(fresh);
    }
  }

  /**
   * What a search text finds: customers it names exactly (a card, a whole phone, an e-mail, a
   * company code), up to `candidates` customers with every word typed as a whole word, the
   * trigram index's query for the rest, and up to `candidates` of the customers whose words start
   * with the words typed or contain them (0: none read), looked for only when fewer than `wanted`
   * were found by whole words.
   */
  #matches(q: string, candidates: number, wanted = candidates): { exact: string[]; match: string | null; wholeWords: number[]; matched: number[]; digits: string } {
    const text = q.trim();
    const sql = sqliteOf(this.db);
    const exact: string[] = [];
    const add = (rows: unknown[]) => rows.forEach((r) => exact.push((r as { id: string }).id));
    // A card as typed or in capitals (a card read out and typed in lower case).
    add(statement(sql, 'SELECT "customerId" AS "id" FROM "CustomerCard" WHERE "code" IN (@text, upper(@text))').all({ text }));
    const phoneLike = /^[+\d\s().-]+$/.test(text);
    const digits = phoneLike ? text.replace(/\D/g, '') : '';
    const phone = phoneLike && digits.length >= 6 ? parsePhone(text, this.phoneCountry) : null;
    if (phone) {
      add(statement(sql, 'SELECT "id" FROM "Customer" WHERE "phone" = ? LIMIT 50').all(phone));
      add(statement(sql, 'SELECT "customerId" AS "id" FROM "CustomerPhone" WHERE "phone" = ? LIMIT 50').all(phone));
      add(statement(sql, 'SELECT "customerId" AS "id" FROM "CustomerContact" WHERE "phone" = ? LIMIT 50').all(phone));
    }
    if (text.includes('@')) {
      const lower = text.toLowerCase();
      add(statement(sql, 'SELECT "id" FROM "Customer" WHERE "email" >= ? AND "email" < ? LIMIT 50').all(lower, `${lower}\uffff`));
    }
    if (/^\w{5,}$/.test(text)) add(statement(sql, 'SELECT "id" FROM "Customer" WHERE "companyCode" = ? LIMIT 50').all(text));
    // A whole number is found by the look-ups above; its digits as typed ("8 612 34567") are not
    // in the index of numbers stored in E.164, and looking for them there reads long lists in vain.
    const match = phone ? null : searchQuery(text, digits);
    // The indexes hold the customers' rowids (kept by the triggers of derived-data.ts): read alone, without the customer rows.
    const rowids = (rows: unknown[]) => (rows as { rowid: number }[]).map((r) => r.rowid);
    const byWords = (query: string) => rowids(statement(sql, `SELECT s.rowid AS "rowid" FROM "CustomerSearchWords" s WHERE "CustomerSearchWords" MATCH ? LIMIT ${candidates}`).all(query));
    // A whole word is one list, read only as far as the candidates go; a word as the start of
    // others merges the whole lists of every word it starts ("петров": петров, петрова, петровна…),
    // a cost that grows with the base: it is paid only when whole words do not fill the page.
    const whole = candidates ? wordQuery(text, digits, false) : null;
    const wholeWords = whole ? byWords(whole) : [];
    const words = candidates && wholeWords.length < wanted ? wordQuery(text, digits, true) : null;
    let matched: number[] = [];
    if (words) matched = byWords(words);
    if (match && candidates && !wholeWords.length && !matched.length) {
      matched = rowids(statement(sql, `SELECT s.rowid AS "rowid" FROM "CustomerSearch" s WHERE "CustomerSearch" MATCH ? LIMIT ${candidates}`).all(match));
    } else if (!match && !phone && candidates) {
      // One or two letters (the back office types them): names that start so.
      const lower = text.toLowerCase();
      matched = rowids(statement(sql, 'SELECT rowid AS "rowid" FROM "Customer" WHERE "searchName" >= ? AND "searchName" < ? LIMIT ?').all(lower, `${lower}\uffff`, candidates));
    }
    return { exact, match, wholeWords, matched, digits };
  }
}

/** Customers read from the index for one search, of which the page shown is taken. */
const SEARCH_CANDIDATES = 200;

const phrase = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * The word index's query for a search text (migration 0027): every word as a word of the name or
 * of the e-mail before the "@" (a word typed with dots or dashes, as "jonas.kaz", as the e-mail,
 * which is indexed without them), whole or (`asPrefix`) as the start of one. Null for digits typed
 * as a phone, CJK (looked up by its characters and pairs) and words of fewer than three
 * characters, which the trigram index alone answers.
 */
export function wordQuery(text: string, digits: string, asPrefix: boolean): string | null {
  if (digits.length >= 3 || CJK.test(text)) return null;
  const words = foldForSearch(text).split(/[\s,;]+/).filter((w) => [...w].length >= 3);
  if (!words.length) return null;
  const end = asPrefix ? '*' : '';
  return words.map((w) => (/^[\p{L}\p{N}]+$/u.test(w) ? `${phrase(w)}${end}` : `{email} : ${phrase(w.replace(/[^\p{L}\p{N}]/gu, ''))}${end}`)).join(' AND ');
}

/**
 * The trigram index's query for a search text: digits typed as a phone (spaces and dashes
 * between them) are one phrase in the phone and code columns; otherwise every word must match
 * somewhere, in any order, words of one or two CJK characters by their marked tokens. Words of
 * fewer than three other characters cannot be looked up and are left out; null if none is left.
 */
export function searchQuery(text: string, digits: string): string | null {
  if (digits.length >= 3) return `{phone code} : ${phrase(digits)}`;
  const words = foldForSearch(text).split(/[\s,;]+/).filter(Boolean);
  const parts = words.flatMap((word) => {
    const chars = [...word];
    if (CJK.test(word) && chars.length <= 2) return [`{name} : ${phrase(gramToken(word))}`];
    return chars.length >= 3 ? [phrase(word)] : [];
  });
  return parts.length ? parts.join(' AND ') : null;
}
