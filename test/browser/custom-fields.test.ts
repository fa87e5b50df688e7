import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lt as officeLt } from '../../backoffice-ui/src/i18n/lt.ts';
import { lt } from '../../shared/i18n/lt.ts';
import { requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// Custom fields in the back office on a tablet held upright, by touch: the owner adds a choice
// field, gives it to a customer on the customer's form, and filters the list by it, seeing exactly
// the customers the test gave that value; in Lithuanian, a required field left empty on a new
// customer is refused with the server's message in Lithuanian, and nothing is stored.

let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
const ids: Record<string, string> = {};

const listed = async () => (await page.locator('.list li strong').allInnerTexts()).sort();
const valueOf = async (customerId: string, key: string) => {
  const field = await server.db.customFieldDefinition.findUnique({ where: { entity_key: { entity: 'customer', key } } });
  return field ? ((await server.db.customFieldValue.findUnique({ where: { fieldId_entityId: { fieldId: field.id, entityId: customerId } } }))?.text ?? null) : null;
};

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 3 });
  const owner = await server.login('owner', '1111');
  expect((await owner.post('/api/custom-fields', { entity: 'customer', key: 'deposit', label: 'Deposit', type: 'money' })).status).toBe(201);
  for (const name of ['Rasa Kaunietė', 'Jonas Kaunietis', 'Vilma Vilnietė', 'Ona Klaipėdietė']) {
    const made = await owner.post('/api/customers', { name });
    expect(made.status).toBe(201);
    ids[name] = made.body.id;
  }
  session = await openBackOffice();
  ({ page, office } = session);
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('custom fields on a tablet, by touch', () => {
  it('the owner adds a choice field, fills it on two customers and filters the list by it', async () => {
    await office.open(server.url);
    await office.signInTyping('owner', 'owner-demo-pass');
    await office.section('Custom fields').tap();
    await page.getByTestId('custom-field-add').tap();
    await office.type('input[name=cf-key]', 'region');
    await office.type('input[name=cf-label]', 'Sales region');
    await page.locator('select[name=cf-type]').selectOption('choice');
    await office.type('textarea[name=cf-choices]', 'north\nsouth');
    await page.getByTestId('custom-field-save').tap();
    await expect.poll(() => page.locator('[data-testid=custom-field-row][data-key=region]').innerText()).toContain('Sales region');
    const field = await server.db.customFieldDefinition.findUniqueOrThrow({ where: { entity_key: { entity: 'customer', key: 'region' } } });
    expect([field.type, JSON.parse(field.choices!), field.required]).toEqual(['choice', ['north', 'south'], false]);
    await office.screenshot('custom-fields-01-settings-en');

    // Two customers get north on their form, one south; the fourth none.
    await office.section('Customers').tap();
    for (const [name, region] of [['Rasa Kaunietė', 'north'], ['Vilma Vilnietė', 'south'], ['Jonas Kaunietis', 'north']] as const) {
      await page.locator('.list li button').filter({ hasText: name }).tap();
      await expect.poll(() => page.getByTestId('customer-card').locator('h2').first().innerText()).toBe(name);
      await page.getByTestId('customer-card').getByRole('button', { name: 'Edit', exact: true }).tap();
      await page.locator('select[name=cf-region]').selectOption(region);
      if (name === 'Rasa Kaunietė') {
        await office.type('input[name=cf-deposit]', '12.50');
        await expect.poll(() => page.getByTestId('money-minor').innerText()).toContain('= 1250 minor units');
        await office.screenshot('custom-fields-02-customer-form-en');
      }
      await page.getByTestId('customer-form').getByRole('button', { name: 'Save' }).tap();
      await expect.poll(() => page.getByTestId('customer-field-region').innerText()).toBe(region);
      expect(await valueOf(ids[name], 'region')).toBe(region);
    }
    const deposit = await server.db.customFieldDefinition.findUniqueOrThrow({ where: { entity_key: { entity: 'customer', key: 'deposit' } } });
    expect((await server.db.customFieldValue.findUniqueOrThrow({ where: { fieldId_entityId: { fieldId: deposit.id, entityId: ids['Rasa Kaunietė'] } } })).integer).toBe(1250);

    // The seeded demo customers are in the list too: unfiltered, it holds everyone.
    const everyone = String(await server.db.customer.count({ where: { mergedIntoId: null } }));
    await expect.poll(() => page.locator('h1 small').innerText()).toBe(everyone);
    await page.locator('select[name=filter-cf-region]').selectOption('north');
    await expect.poll(listed).toEqual(['Jonas Kaunietis', 'Rasa Kaunietė']);
    await expect.poll(() => page.locator('h1 small').innerText()).toBe('2');
    await office.screenshot('custom-fields-03-filtered-en');
    await page.locator('select[name=filter-cf-region]').selectOption('south');
    await expect.poll(listed).toEqual(['Vilma Vilnietė']);
    await page.locator('select[name=filter-cf-region]').selectOption('');
    await expect.poll(() => page.locator('h1 small').innerText()).toBe(everyone);
  });

  it('in Lithuanian, a new customer without a required field is refused with the message in Lithuanian, and nothing is stored', async () => {
    await page.locator('header select[name=language]').selectOption('lt');
    await office.section(officeLt['Custom fields']).tap();
    await expect.poll(() => office.heading().innerText()).toBe(officeLt['Custom fields']);
    await page.getByTestId('custom-field-add').tap();
    await office.type('input[name=cf-key]', 'tax_office');
    await office.type('input[name=cf-label]', 'Mokesčių inspekcija');
    await page.locator('input[name=cf-required]').tap();
    await page.getByTestId('custom-field-save').tap();
    await expect.poll(() => page.locator('[data-testid=custom-field-row][data-key=tax_office]').innerText()).toContain(officeLt['yes']);
    await office.screenshot('custom-fields-04-settings-lt');

    await office.section(officeLt['Customers']).tap();
    const before = await server.db.customer.count();
    await page.getByRole('button', { name: officeLt['New customer'] }).tap();
    await office.type('input[name=name]', 'UAB Laukai');
    await page.getByTestId('customer-form').getByRole('button', { name: officeLt['Save'] }).tap();
    const refusal = lt.errors['custom-field-required'].replace('{field}', 'Mokesčių inspekcija');
    await expect.poll(() => page.getByTestId('customer-form').getByRole('alert').innerText()).toBe(refusal);
    expect(await page.locator('[data-testid=custom-field-inputs] [data-field=tax_office] .field-error').innerText()).not.toBe('');
    expect(await server.db.customer.count()).toBe(before);
    await office.screenshot('custom-fields-05-required-refused-lt');

    await office.type('input[name=cf-tax_office]', 'Vilniaus AVMI');
    await page.getByTestId('customer-form').getByRole('button', { name: officeLt['Save'] }).tap();
    await expect.poll(() => page.getByTestId('customer-field-tax_office').innerText()).toBe('Vilniaus AVMI');
    const made = await server.db.customer.findFirstOrThrow({ where: { name: 'UAB Laukai' } });
    expect(await valueOf(made.id, 'tax_office')).toBe('Vilniaus AVMI');
    expect(await server.db.customer.count()).toBe(before + 1);
  });
});
