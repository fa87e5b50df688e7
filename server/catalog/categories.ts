import type { z } from 'zod';
import { newId } from '../../shared/ids.ts';
import type { CategoryChangeSchema, NewCategorySchema } from '../../shared/schemas/products.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { ownedByHeadOffice } from './ownership.ts';

export interface CategoryView {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  active: boolean;
}

const view = (c: CategoryView): CategoryView => ({ id: c.id, code: c.code, name: c.name, parentId: c.parentId, active: c.active });

/** A code made from a name: lower-case Latin letters and digits joined by dashes ("Молоко" has none: "category"). */
function codeFrom(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return slug || 'category';
}

/** The ids of a category and every category under it. */
export async function subtreeIds(db: Db | Tx, id: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree(id) AS (SELECT ${id} UNION SELECT c."id" FROM "Category" c JOIN tree ON c."parentId" = tree.id)
    SELECT id FROM tree`;
  return rows.map((r) => r.id);
}

/** The category tree: made, renamed, moved under another (never under itself), archived with what is under it. */
export class Categories {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly chain: boolean,
  ) {}

  async list(): Promise<CategoryView[]> {
    return (await this.db.category.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] })).map(view);
  }

  async create(auth: AuthContext, input: z.infer<typeof NewCategorySchema>): Promise<CategoryView> {
    ownedByHeadOffice(this.chain);
    return this.db.$transaction(async (tx) => {
      if (input.parentId) await this.#parent(tx, input.parentId, 'parentId');
      let code = input.code ?? codeFrom(input.name);
      if (await tx.category.findUnique({ where: { code } })) {
        if (input.code) throw new AppError(409, 'duplicate-category-code', `The code ${code} is another category's`, [{ path: 'code', message: 'taken' }], { code });
        // A made-up code takes the first free number.
        const base = code;
        for (let n = 2; await tx.category.findUnique({ where: { code } }); n++) code = `${base}-${n}`;
      }
      const created = await tx.category.create({ data: { id: newId(), code, name: input.name, parentId: input.parentId } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'category-create', entityType: 'category', entityId: created.id, details: { name: input.name, code, parentId: input.parentId } });
      return view(created);
    });
  }

  async change(auth: AuthContext, id: string, input: z.infer<typeof CategoryChangeSchema>): Promise<CategoryView> {
    ownedByHeadOffice(this.chain);
    return this.db.$transaction(async (tx) => {
      const category = await tx.category.findUnique({ where: { id } });
      if (!category) throw notFound('category-not-found', 'No such category', [{ path: 'id', message: 'unknown category' }]);
      if (input.parentId) {
        await this.#parent(tx, input.parentId, 'parentId');
        if ((await subtreeIds(tx, id)).includes(input.parentId)) {
          throw badRequest('category-cycle', `${category.name} cannot go under itself or a category under it`, [{ path: 'parentId', message: 'under itself' }]);
        }
      }
      const parentId = input.parentId === undefined ? category.parentId : input.parentId;
      if (input.active === true && parentId) {
        const parent = await tx.category.findUnique({ where: { id: parentId } });
        if (parent && !parent.active) throw badRequest('category-parent-archived', `${parent.name} is archived: restore it first, or move this one`, [{ path: 'active', message: 'parent archived' }]);
      }
      const updated = await tx.category.update({ where: { id }, data: { name: input.name, parentId, active: input.active } });
      if (input.active === false) await tx.category.updateMany({ where: { id: { in: await subtreeIds(tx, id) } }, data: { active: false } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'category-change', entityType: 'category', entityId: id, details: { before: view(category), after: input } });
      return view(updated);
    });
  }

  async #parent(tx: Tx, id: string, path: string) {
    const parent = await tx.category.findUnique({ where: { id } });
    if (!parent) throw notFound('category-not-found', 'No such parent category', [{ path, message: 'unknown category' }]);
    if (!parent.active) throw badRequest('category-archived', `${parent.name} is archived`, [{ path, message: 'archived' }]);
    return parent;
  }
}
