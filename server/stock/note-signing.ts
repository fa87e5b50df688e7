import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { transferNoteSigningText, type TransferNote } from '../../shared/schemas/stock.ts';

/**
 * Each outlet signs its transfer notes with an Ed25519 key of its own, made at its first start and
 * kept in its database (never in the repository or a log). Its public key travels to head office
 * with its pushes and from there to the other outlets; a shop without head office registers the
 * other outlets' keys by hand.
 */
export function newSigningKey(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

const privateKeyOf = (signingKey: string) => createPrivateKey({ key: Buffer.from(signingKey, 'base64'), format: 'der', type: 'pkcs8' });

/** The public half of a signing key: the raw 32 bytes in base64url. */
export function publicKeyOf(signingKey: string): string {
  return createPublicKey(privateKeyOf(signingKey)).export({ format: 'jwk' }).x!;
}

export function signTransferNote(note: Omit<TransferNote, 'signature'>, signingKey: string): TransferNote {
  const signature = sign(null, Buffer.from(transferNoteSigningText(note)), privateKeyOf(signingKey)).toString('base64url');
  return { ...note, signature };
}

/** Whether the note is exactly as the holder of `publicKey` signed it. */
export function signedBy(note: TransferNote, publicKey: string): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  return verify(null, Buffer.from(transferNoteSigningText(note)), key, Buffer.from(note.signature, 'base64url'));
}
