import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium, TABLET_UPRIGHT } from '../../support/browser.ts';

/** The back office as an owner or manager sees it on a tablet. */
export class BackOfficePage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/backoffice-ui/`);
  }

  /** Taps a field and types into it, as a person does (no filling). */
  async type(selector: string, text: string): Promise<void> {
    await this.page.locator(selector).tap();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(text);
  }

  /** Signs in typing the login and password, and tapping the button. */
  async signInTyping(login: string, password: string): Promise<void> {
    await this.type('input[name=login]', login);
    await this.type('input[name=password]', password);
    await this.page.locator('form button[type=submit]').tap();
  }

  /** The page's heading. */
  heading() {
    return this.page.locator('main h1').first();
  }

  async signIn(login: string, password: string): Promise<void> {
    await this.page.locator('input[name=login]').fill(login);
    await this.page.locator('input[name=password]').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** A page's link in the navigation, by its name as shown. */
  section(name: string) {
    return this.page.getByRole('navigation').getByRole('link', { name, exact: true });
  }

  device(id: string) {
    return this.page.getByTestId(`device-${id}`);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test/browser/screenshots/${name}.png`, fullPage: true });
  }
}

/** A browser with one back-office page open, and what closes it. */
export interface BackOfficeSession {
  browser: Browser;
  page: Page;
  office: BackOfficePage;
  /** Closes the browser and every page in it. */
  close(): Promise<void>;
}

/**
 * Chromium with one back-office page on `device` (a tablet held upright unless told), whose waits
 * last `timeoutMs` at the most; with `user`, the page opens the back office and signs in by typing.
 */
export async function openBackOffice(options: {
  device?: BrowserContextOptions;
  timeoutMs?: number;
  user?: { url: string; login: string; password: string };
} = {}): Promise<BackOfficeSession> {
  const browser = await launchChromium();
  const page = await (await browser.newContext(options.device ?? TABLET_UPRIGHT)).newPage();
  page.setDefaultTimeout(options.timeoutMs ?? 15_000);
  const office = new BackOfficePage(page);
  if (options.user) {
    await office.open(options.user.url);
    await office.signInTyping(options.user.login, options.user.password);
  }
  return { browser, page, office, close: () => browser.close() };
}
