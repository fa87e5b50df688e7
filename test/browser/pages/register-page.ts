import type { Locator, Page } from 'playwright-core';

/** The register as a cashier sees it: what they press and what they read. */
export class RegisterPage {
  constructor(readonly page: Page) {}

  get scanField(): Locator {
    return this.page.getByTestId('scan-field');
  }

  get cartRows(): Locator {
    return this.page.getByTestId('cart').locator('tr');
  }

  get total(): Locator {
    return this.page.getByTestId('total');
  }

  get notice(): Locator {
    return this.page.getByTestId('notice');
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async open(baseUrl: string, register = 'R1'): Promise<void> {
    await this.page.goto(`${baseUrl}/pos-ui/?register=${register}`);
  }

  async login(login: string, pin: string): Promise<void> {
    await this.page.locator('input[name=login]').fill(login);
    await this.page.locator('input[name=pin]').fill(pin);
    await this.page.keyboard.press('Enter');
  }

  async openShift(float: string): Promise<void> {
    await this.page.locator('input[name=float]').fill(float);
    await this.page.keyboard.press('Enter');
    await this.scanField.waitFor();
  }

  /** A keyboard-wedge scanner: the code typed as a fast burst of keys and Enter into whatever has focus. */
  async scan(code: string): Promise<void> {
    await this.page.keyboard.type(code, { delay: 4 });
    await this.page.keyboard.press('Enter');
  }

  /** Types like a person, waits for as-you-type results and picks the one with this text. */
  async searchAndPick(query: string, resultText: string): Promise<void> {
    await this.scanField.pressSequentially(query, { delay: 90 });
    await this.page.getByRole('option').filter({ hasText: resultText }).first().click();
  }

  async key(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Fills the supervisor approval that pops up for an act the cashier may not do alone. */
  async approve(login: string, pin: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: /approval|подтверждение/i });
    await dialog.locator('input[name=approver]').fill(login);
    await dialog.locator('input[name=approver-pin]').fill(pin);
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Submits an approval the server refuses: the dialog stays open and says why. */
  async refusedApproval(login: string, pin: string): Promise<string> {
    const dialog = this.page.getByRole('dialog', { name: /approval|подтверждение/i });
    await dialog.locator('input[name=approver]').fill(login);
    await dialog.locator('input[name=approver-pin]').fill(pin);
    const answered = this.page.waitForResponse((res) => res.url().endsWith('/api/approvals'));
    await dialog.locator('button[type=submit]').click();
    await answered;
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    return alert.innerText();
  }

  async selectLine(text: string): Promise<void> {
    await this.cartRows.filter({ hasText: text }).first().click();
  }

  async rowCount(): Promise<number> {
    if (!(await this.page.getByTestId('cart').count())) return 0;
    return this.cartRows.count();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test/browser/screenshots/${name}.png` });
  }
}
