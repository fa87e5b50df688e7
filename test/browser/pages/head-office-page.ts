import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestHeadOffice } from '../../support/head-office.ts';

/** A head-office user the browser tests sign in as. */
export interface HeadOfficeUser { login: string; name: string; password: string }

/** Head office's manager in most browser tests. */
export const HANNA: HeadOfficeUser = { login: 'hanna', name: 'Hanna Head', password: 'head-office-pass' };

/** Creates the user at head office through its admin API. */
export async function addHeadOfficeUser(headOffice: TestHeadOffice, user: HeadOfficeUser = HANNA): Promise<void> {
  expect((await headOffice.admin.post('/api/head-office/users', user)).status).toBe(201);
}

/** Opens head office's UI (unless `open` is false: the page is already there) and signs in by touch. */
export async function signInToHeadOffice(page: Page, headOfficeUrl: string, user: HeadOfficeUser = HANNA, open = true): Promise<void> {
  if (open) await page.goto(`${headOfficeUrl}/headoffice-ui/`);
  await page.getByLabel('Login').fill(user.login);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).tap();
}
