import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, badRequest } from '../http/errors.ts';
import { detectDateFormat } from './dates.ts';
import { previewTable, withTable, type TableOptions, type TableStream } from './table.ts';

export const MAX_PREVIEW = 200 * 1024 * 1024;
/** An import streams: the limit is on disk-sized files, not on memory. */
export const MAX_IMPORT = 2 * 1024 * 1024 * 1024;
export const FILE_TYPES = ['text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** The file an import or preview is sent: the raw request body (no multipart form), read as a stream. */
export const FileBodySchema = z
  .custom<Readable>((body) => body instanceof Readable, `send the file itself as the request body, as ${FILE_TYPES.join(', ')}`)
  .meta({ type: 'string', format: 'binary', description: 'The CSV or XLSX file itself, as the raw request body.' });

/** What an upload's query says about reading the file. */
export type FileQuery = { fileName: string } & Omit<TableOptions, 'maxBytes'>;

const noFile = () => badRequest('no-file', 'Send the file as the request body (text/csv or an .xlsx)', [{ path: 'body', message: 'a file is required' }]);

/** Makes the routes of `files` (a plugin's own scope) take the body as it comes, and only as a file. */
export function acceptFileBodies(files: FastifyInstance): void {
  files.removeAllContentTypeParsers();
  files.addContentTypeParser(FILE_TYPES, (_request, payload, done) => done(null, payload));
  files.addContentTypeParser('*', (request, _payload, done) =>
    done(new AppError(415, 'unsupported-media-type', `Send the file itself as the request body, as ${FILE_TYPES.join(', ')}; not as ${request.headers['content-type'] ?? 'nothing'}`, [{ path: 'body', message: `content-type must be one of ${FILE_TYPES.join(', ')}` }])),
  );
}

/**
 * The first rows of an uploaded file (the client sends the head of a big one), a suggested
 * mapping, each date column's format (month first where the shop writes dates so), and the values
 * of the category column for the value table.
 */
export async function previewUpload(body: Readable, query: FileQuery & { mapping?: Record<string, string | undefined> }, suggest: (headers: string[]) => Record<string, string>, monthFirst: boolean) {
  const { detectionRows, date1904: _date1904, ...table } = await previewTable(body, query.fileName, { ...query, maxBytes: MAX_PREVIEW });
  const workbook = table.encoding === 'xlsx';
  if (table.headers.length === 0) throw noFile();
  const suggestedMapping = suggest(table.headers);
  const dateFormats = Object.fromEntries(
    table.headers.flatMap((header, i) => {
      const values = detectionRows.map((r) => r[i] ?? '').filter(Boolean);
      const format = values.length && values.every((v) => /\d/.test(v)) ? detectDateFormat(values, monthFirst, workbook) : null;
      return format ? [[header, format]] : [];
    }),
  );
  const categoryColumn = table.headers.indexOf(query.mapping?.category ?? suggestedMapping.category ?? '');
  const categoryValues = categoryColumn >= 0 ? [...new Set(detectionRows.map((r) => (r[categoryColumn] ?? '').trim()).filter(Boolean))].slice(0, 200) : [];
  return { ...table, suggestedMapping, dateFormats, categoryValues };
}

/** Gives the uploaded file, as a stream of rows, to an import. */
export function withUploadedTable<T>(body: Readable, query: FileQuery, run: (table: TableStream) => Promise<T>): Promise<T> {
  return withTable(body, query.fileName, { ...query, maxBytes: MAX_IMPORT }, (table) => {
    if (table.headers.length === 0) throw noFile();
    return run(table);
  });
}
