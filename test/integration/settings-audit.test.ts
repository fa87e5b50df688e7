import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../shared/i18n/catalogues.ts';
import { auditText } from '../../shared/i18n/texts.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The audit log's sentence for a change to the in-store barcode layouts says which layouts were
// added and removed (their prefix, what the code carries and its digits), in the reader's language,
// written from the details the server stored.
let server: TestServer;
let owner: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.login('owner', '1111');
});
afterAll(() => server.close());

describe('the audit of a change to in-store barcode layouts', () => {
  it('names the layouts added and removed, not “changed → changed”', async () => {
    const weight = { prefix: '21', kind: 'weight', itemDigits: 5, valueDigits: 5 };
    const price = { prefix: '22', kind: 'price', itemDigits: 5, valueDigits: 5 };
    expect((await owner.request('PUT', '/api/settings', { inStoreLayouts: [weight] })).status).toBe(200);
    expect((await owner.request('PUT', '/api/settings', { inStoreLayouts: [{ ...weight, itemDigits: 6, valueDigits: 4 }, price] })).status).toBe(200);
    const entry = await server.db.auditLog.findFirstOrThrow({ where: { action: 'settings-change' }, orderBy: { createdAt: 'desc' } });
    const act = { action: entry.action, details: JSON.parse(entry.details), entityId: entry.entityId };

    for (const locale of ['en', 'lt'] as const) {
      const names = CATALOGUES[locale].names;
      const sentence = auditText(act, locale);
      expect(sentence).not.toContain(`${names['value.changed']} → ${names['value.changed']}`);
      expect(sentence).toContain(names['field.inStoreLayouts']);
      expect(sentence).toContain(`+21… ${names['layout.weight']} 6 + 4`);
      expect(sentence).toContain(`+22… ${names['layout.price']} 5 + 5`);
      expect(sentence).toContain(`−21… ${names['layout.weight']} 5 + 5`);
    }
  });
});
