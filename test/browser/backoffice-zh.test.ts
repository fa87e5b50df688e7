import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltUi, TABLET_LANDSCAPE, UI_DIR } from '../support/browser.ts';
import { backupSettings } from '../support/backups.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';
import { zh } from '../../shared/i18n/zh.ts';
import { zh as officeZh } from '../../backoffice-ui/src/i18n/zh.ts';

// The back office's pages for pairing registers, laying out their tiles and taking backups, in
// Chinese: each opened by its own address, the server's refusal written in Chinese with its details.

let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let folder: string;

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'till-backups-zh-'));
  server = await startTestServer({ uiDir: UI_DIR, productCount: 50, backups: { settings: backupSettings(folder) } });
  session = await openBackOffice({ device: TABLET_LANDSCAPE });
  ({ page, office } = session);
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('a Chinese owner on the pages for registers’ tiles and backups', () => {
  it('reads the refusal of a tile whose product was archived meanwhile in Chinese, and the Backups page opens by its address', async () => {
    await office.open(server.url);
    await office.signIn('owner', 'owner-demo-pass');
    await page.locator('header select[name=language]').selectOption('zh');
    await expect.poll(() => office.section(officeZh['Pairing and tiles']).count()).toBe(1);

    await page.goto(`${server.url}/backoffice-ui/#/pairing-and-tiles`);
    await expect.poll(() => office.heading().innerText()).toBe(officeZh['Pairing and tiles']);
    const product = await server.db.product.findFirstOrThrow({ where: { kind: 'goods', active: true, parentId: null }, orderBy: { sku: 'asc' } });
    await page.getByRole('row').filter({ hasText: 'R1' }).getByRole('button', { name: officeZh['Tiles'] }).tap();
    await page.locator('input[name=tile-product]').fill(product.sku);
    await page.getByRole('button', { name: officeZh['Add product'] }).tap();
    await expect.poll(() => page.locator('ol.tiles li').filter({ hasText: product.name }).count()).toBe(1);
    // Another manager archives the product before the owner saves.
    await server.db.$transaction((tx) => tx.product.update({ where: { id: product.id }, data: { active: false } }));
    await page.getByRole('button', { name: officeZh['Save tiles'] }).tap();
    const tileNumber = await page.locator('ol.tiles li').count();
    await expect.poll(() => page.getByRole('status').innerText()).toBe(zh.errors['tile-target-unknown'].replace('{tile:count}', String(tileNumber)));
    expect(await server.db.registerTile.count({ where: { productId: product.id } })).toBe(0);
    await office.screenshot('43-backoffice-tiles-refused-zh');

    await page.goto(`${server.url}/backoffice-ui/#/backups`);
    await expect.poll(() => office.heading().innerText()).toBe(officeZh['Backups']);
    await expect.poll(() => page.getByTestId('backup-warnings').innerText()).toContain(officeZh['No backup has been taken yet.']);
    expect(await page.locator('main').innerText()).not.toMatch(/Backups|Back up now|No backup/);
    await office.screenshot('44-backoffice-backups-zh');
  });
});
