import type { FastifyInstance } from 'fastify';
import { AppError, type FieldIssue } from './errors.ts';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textIssue(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains a lone surrogate (not Unicode text)';
  return null;
}

/** Parsed JSON or a parsed query (whose prototype is its parser's own): not a streamed file body or bytes. */
const isParsed = (value: object) => !ArrayBuffer.isView(value) && typeof (value as { pipe?: unknown }).pipe !== 'function';

/**
 * The first string (value or key) in parsed input that is not text: a NUL, which SQLite's
 * full-text search and PostgreSQL refuse, or a lone surrogate, which Prisma's JSON protocol
 * refuses. Walked without recursion, since a body may nest as deep as its size allows.
 */
export function malformedText(input: unknown, root: string): FieldIssue | null {
  const pending: [unknown, string][] = [[input, root]];
  while (pending.length) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      const issue = textIssue(value);
      if (issue) return { path, message: issue };
    } else if (value !== null && typeof value === 'object' && isParsed(value)) {
      for (const [key, child] of Object.entries(value)) {
        const issue = textIssue(key);
        if (issue) return { path, message: `a key ${issue}` };
        pending.push([child, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/** Refuses requests whose path, query or JSON body carries a NUL or a lone surrogate where the route reads it, naming the field. */
export function installTextInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema ?? {};
    for (const [part, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      // What a route does not declare it never reads: an extra query parameter is ignored, not refused.
      if (!schema[part]) continue;
      const issue = malformedText(value, part);
      if (issue) throw new AppError(400, 'invalid-input', `${issue.path}: ${issue.message}`, [issue]);
    }
  });
}
