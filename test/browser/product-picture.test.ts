import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PairedRegister } from '../../shared/schemas/register-touch.ts';
import { requireBuiltUi, TABLET_UPRIGHT, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';
import { RegisterPage } from './pages/register-page.ts';

// An owner picks a photo for a product on a 768×1024 tablet, as a person picks a file; the back
// office scales it down for the register, the server keeps it, and the register's tile shows it.
// A file that is no image, whatever its name, is refused on the form. The picture is drawn here
// with a real canvas and what is stored is decoded again to see it is that picture.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-picture-'));
const PHOTO = path.join(dir, 'lemonade.png');
const NOT_AN_IMAGE = path.join(dir, 'lemonade-too.png');

let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let registerPage: Page;
let productId: string;
let colour: string;

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  // 800 × 400: left half blue, right half red, as a photo is larger than a tile.
  const canvas = createCanvas(800, 400);
  const context = canvas.getContext('2d');
  context.fillStyle = '#d01010';
  context.fillRect(0, 0, 800, 400);
  context.fillStyle = '#1040d0';
  context.fillRect(0, 0, 400, 400);
  fs.writeFileSync(PHOTO, canvas.toBuffer('image/png'));
  fs.writeFileSync(NOT_AN_IMAGE, '<script>alert("not a picture")</script>');
  server = await startTestServer({ uiDir: UI_DIR });
  session = await openBackOffice();
  ({ page, office } = session);
  registerPage = await (await session.browser.newContext(TABLET_UPRIGHT)).newPage();
  registerPage.setDefaultTimeout(15_000);
}, 60_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  await office?.screenshot(`failed-picture-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  await registerPage?.screenshot({ path: 'test/browser/screenshots/failed-picture-register.png' });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const form = () => page.getByTestId('product-form');

describe('a product picture, by touch on a tablet', () => {
  it('is picked for a new product: a file that is no image is refused, a photo is scaled down and kept', async () => {
    await office.open(server.url);
    await office.signIn('manager', 'manager-demo-pass');
    await page.locator('nav').getByRole('link', { name: 'Products' }).tap();
    await page.locator('button[name=new-product]').tap();
    await form().locator('input[name=name]').fill('Pictured lemonade');
    await form().locator('input[name=sku]').fill('LEMON-PIC');
    await form().locator('input[name=price]').fill('2.40');
    const swatch = form().locator('button.swatch').nth(1);
    colour = (await swatch.getAttribute('aria-label'))!;
    await swatch.tap();

    await form().locator('input[name=picture]').setInputFiles(NOT_AN_IMAGE);
    await expect.poll(() => form().innerText()).toContain('The picture is not a PNG, JPEG or WebP image');
    expect(await form().locator('.preview img').count()).toBe(0);

    await form().locator('input[name=picture]').setInputFiles(PHOTO);
    await form().locator('.preview img').waitFor();
    expect(await form().innerText()).not.toContain('The picture is not a PNG, JPEG or WebP image');
    await office.screenshot('picture-product-form');
    await form().locator('button[name=save]').tap();
    await expect.poll(async () => server.db.product.count({ where: { sku: 'LEMON-PIC' } })).toBe(1);
    productId = (await server.db.product.findUniqueOrThrow({ where: { sku: 'LEMON-PIC' } })).id;
    await expect.poll(async () => server.db.productPicture.count({ where: { productId } })).toBe(1);
    expect((await server.db.product.findUniqueOrThrow({ where: { id: productId } })).tileColour).toBe(colour);
    const picture = (await server.db.productPicture.findUniqueOrThrow({ where: { productId } })).dataUrl;
    expect(picture).toMatch(/^data:image\/jpeg;base64,/);
    // Scaled to 256 on its longest side, and still blue on the left and red on the right.
    const image = await loadImage(Buffer.from(picture.split(',')[1], 'base64'));
    expect([image.width, image.height]).toEqual([256, 128]);
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    const pixel = (x: number, y: number) => [...canvas.getContext('2d').getImageData(x, y, 1, 1).data.slice(0, 3)];
    const [lr, lg, lb] = pixel(60, 64);
    const [rr, rg, rb] = pixel(200, 64);
    expect(lb > 150 && lr < 80 && lg < 110, `left ${[lr, lg, lb]}`).toBe(true);
    expect(rr > 150 && rg < 80 && rb < 80, `right ${[rr, rg, rb]}`).toBe(true);
  });

  it('shows on the product when it is opened again, and on its tile at the register', async () => {
    await page.locator('input[name=product-search]').fill('LEMON-PIC');
    const row = page.getByTestId('product-list').locator('tr[data-sku="LEMON-PIC"]');
    await row.waitFor();
    await row.getByRole('button').first().tap();
    await form().locator('.preview img').waitFor();
    const stored = (await server.db.productPicture.findUniqueOrThrow({ where: { productId } })).dataUrl;
    expect(await form().locator('.preview img').getAttribute('src')).toBe(stored);

    const manager = await server.login('manager', '2222', 'R1');
    const { body } = await manager.post('/api/registers/R1/pairing-code', { pinAlone: false });
    const paired: PairedRegister = (await server.anonymous.post('/api/registers/pair', { code: body.code })).body;
    expect((await manager.put('/api/registers/R1/tiles', { tiles: [{ productId }] })).status).toBe(200);
    await registerPage.goto(`${server.url}/pos-ui/`);
    await registerPage.evaluate((value) => localStorage.setItem('till.pairedRegister', value), JSON.stringify(paired));
    await registerPage.reload();
    const register = new RegisterPage(registerPage);
    await registerPage.getByTestId('user-tiles').getByRole('button', { name: /Anna Kassir/ }).tap();
    await register.tapPad('3333');
    await registerPage.getByRole('button', { name: 'Sign in', exact: true }).tap();
    await registerPage.locator('input[name=float]').waitFor();
    await register.tapPad('0');
    await registerPage.getByRole('button', { name: 'Open shift', exact: true }).tap();
    const tile = registerPage.getByTestId('product-tile').filter({ hasText: 'Pictured lemonade' });
    await tile.locator('img').waitFor();
    expect(await tile.locator('img').getAttribute('src')).toBe(stored);
    // The picture is drawn, not a broken image.
    expect(await tile.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
    // In the product's own tile colour, as the layout gave the tile none.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    expect(await tile.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(`rgb(${r}, ${g}, ${b})`);
    await registerPage.screenshot({ path: 'test/browser/screenshots/picture-register-tile.png' });
  });
});
