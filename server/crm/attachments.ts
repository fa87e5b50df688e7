import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { newId } from '../../shared/ids.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentView } from '../../shared/schemas/crm.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/client.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';

const tooLarge = () => new AppError(413, 'attachment-too-large', `An attachment may be at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`, [{ path: 'body', message: `at most ${ATTACHMENT_MAX_BYTES} bytes` }], { maxBytes: ATTACHMENT_MAX_BYTES });

/**
 * Reads an upload into memory up to the limit. Past it nothing more is kept, but the rest is read
 * and dropped, so that the client gets the answer rather than a connection cut mid-upload.
 */
export async function readAttachmentBody(payload: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= ATTACHMENT_MAX_BYTES) chunks.push(chunk);
  }
  if (size > ATTACHMENT_MAX_BYTES) throw tooLarge();
  return Buffer.concat(chunks);
}

/**
 * What a file is by its content: the type its signature shows (file-type), or plain text for
 * UTF-8 without control characters; null for anything else. The client's content type is not asked.
 */
export async function sniffedType(content: Buffer): Promise<string | null> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) return detected.mime;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(content);
  return !text.includes('\uFFFD') && !/[\u0000-\u0008\u000E-\u001F\u007F]/.test(text) ? 'text/plain' : null;
}

/** Files kept with interactions, on disk under the data folder; the database holds what they are. */
export class Attachments {
  constructor(
    private readonly db: Db,
    private readonly folder: string,
  ) {}

  #file(id: string): string {
    return path.join(this.folder, id);
  }

  /** Keeps an uploaded file, not yet joined to an entry (the uploader joins it when logging one). */
  async upload(auth: AuthContext, fileName: string, content: Buffer): Promise<AttachmentView> {
    if (content.length === 0) throw badRequest('attachment-empty', 'The file is empty', [{ path: 'body', message: 'no content' }]);
    const mediaType = await sniffedType(content);
    if (!mediaType || !(ATTACHMENT_TYPES as readonly string[]).includes(mediaType)) {
      throw badRequest('attachment-type-forbidden', `Files of this kind (${mediaType ?? 'unknown'}) cannot be attached: pictures, PDF, office documents, audio and plain text can`, [{ path: 'body', message: `a ${mediaType ?? 'file of unknown kind'}` }], { mediaType });
    }
    const id = newId();
    fs.mkdirSync(this.folder, { recursive: true });
    // On disk first: a row never names a file that is not there.
    await fs.promises.writeFile(this.#file(id), content, { flag: 'wx' });
    try {
      await this.db.$transaction((tx) => tx.interactionAttachment.create({ data: { id, uploadedById: auth.userId, fileName, mediaType, size: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex') } }));
    } catch (err) {
      await fs.promises.rm(this.#file(id), { force: true });
      throw err;
    }
    return { id, fileName, mediaType, size: content.length };
  }

  /** A stored file and the customer whose entry it belongs to (null: not joined yet, only its uploader may fetch it). */
  async file(auth: AuthContext, id: string): Promise<{ view: AttachmentView; customerId: string | null; content: Buffer }> {
    const row = await this.db.interactionAttachment.findUnique({ where: { id } });
    const missing = () => notFound('attachment-not-found', 'No such attachment', [{ path: 'id', message: 'unknown attachment' }]);
    if (!row || (!row.interactionId && row.uploadedById !== auth.userId)) throw missing();
    const entry = row.interactionId ? await this.db.interaction.findUnique({ where: { id: row.interactionId }, select: { customerId: true } }) : null;
    return { view: { id: row.id, fileName: row.fileName, mediaType: row.mediaType, size: row.size }, customerId: entry?.customerId ?? null, content: await fs.promises.readFile(this.#file(id)) };
  }
}
