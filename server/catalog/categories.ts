import type { z } from 'zod';
import { newId } from '../../shared/ids.ts';
import type { CategoryChangeSchema, NewCategorySchema } from '../../shared/schemas/products.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
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

/** The ids of a category and every category under it, in a tree held in memory. */
function subtree(all: CategoryView[], id: string): string[] {
  const ids = [id];
  for (let i = 0; i < ids.length; i++) for (const c of all) if (c.parentId === ids[i] && !ids.includes(c.id)) ids.push(c.id);
  return ids;
}

function checkParent(all: CategoryView[], id: string): CategoryView {
  const parent = all.find((c) => c.id === id);
  if (!parent) throw notFound('category-not-found', 'No such parent category', [{ path: 'parentId', message: 'unknown category' }]);
  if (!parent.active) throw badRequest('category-archived', `${parent.name} is archived`, [{ path: 'parentId', message: 'archived' }]);
  return parent;
}

// The tree's rules, wherever it is kept (the outlet's database or head office's): each takes the
// whole tree, which is small, and says what to write or why not.

/** A new category's code: the one given (refused when another's) or one made from its name, numbered while taken. */
export function newCategoryCode(all: CategoryView[], input: z.infer<typeof NewCategorySchema>): string {
  if (input.parentId) checkParent(all, input.parentId);
  const taken = new Set(all.map((c) => c.code));
  let code = input.code ?? codeFrom(input.name);
  if (!taken.has(code)) return code;
  if (input.code) throw new AppError(409, 'duplicate-category-code', `The code ${code} is another category's`, [{ path: 'code', message: 'taken' }], { code });
  const base = code;
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
  return code;
}

/** A change of a category: its new parent (never itself or under itself), and the ids archived with it. */
export function planCategoryChange(all: CategoryView[], id: string, input: z.infer<typeof CategoryChangeSchema>): { category: CategoryView; parentId: string | null; archived: string[] } {
  const category = all.find((c) => c.id === id);
  if (!category) throw notFound('category-not-found', 'No such category', [{ path: 'id', message: 'unknown category' }]);
  if (input.parentId) {
    checkParent(all, input.parentId);
    if (subtree(all, id).includes(input.parentId)) throw badRequest('category-cycle', `${category.name} cannot go under itself or a category under it`, [{ path: 'parentId', message: 'under itself' }]);
  }
  const parentId = input.parentId === undefined ? category.parentId : input.parentId;
  if (input.active === true && parentId) {
    const parent = all.find((c) => c.id === parentId);
    if (parent && !parent.active) throw badRequest('category-parent-archived', `${parent.name} is archived: restore it first, or move this one`, [{ path: 'active', message: 'parent archived' }]);
  }
  return { category, parentId, archived: input.active === false ? subtree(all, id) : [] };
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
    ownedByHeadOffice(this.chain, ['name']);
    return this.db.$transaction(async (tx) => {
      const code = newCategoryCode(await tx.category.findMany(), input);
      const created = await tx.category.create({ data: { id: newId(), code, name: input.name, parentId: input.parentId } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'category-create', entityType: 'category', entityId: created.id, details: { name: input.name, code, parentId: input.parentId } });
      return view(created);
    });
  }

  async change(auth: AuthContext, id: string, input: z.infer<typeof CategoryChangeSchema>): Promise<CategoryView> {
    ownedByHeadOffice(this.chain, ['name', 'parentId', 'active'].filter((k) => input[k as keyof typeof input] !== undefined));
    return this.db.$transaction(async (tx) => {
      const { category, parentId, archived } = planCategoryChange(await tx.category.findMany(), id, input);
      const updated = await tx.category.update({ where: { id }, data: { name: input.name, parentId, active: input.active } });
      if (archived.length) await tx.category.updateMany({ where: { id: { in: archived } }, data: { active: false } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'category-change', entityType: 'category', entityId: id, details: { before: view(category), after: input } });
      return view(updated);
    });
  }
}
