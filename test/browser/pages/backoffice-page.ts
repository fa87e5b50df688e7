import type { Page } from 'playwright-core';

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
