import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Where the keyboard is: the focused element's name, test id or text (for buttons). */
async function focusOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '(nothing)';
    return el.getAttribute('name') ?? el.getAttribute('data-testid') ?? el.textContent?.trim() ?? el.tagName;
  });
}

/**
 * The register as a cashier uses it: keys pressed and typed, or taps on a touch screen, never
 * filled in. Each step waits for what the screen shows (where the keyboard is, what a field
 * holds), not for time, so a slow machine only makes it slower.
 */
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
    return this.page.getByRole('dialog').last();
  }

  async open(baseUrl: string, register = 'R1'): Promise<void> {
    await this.page.goto(`${baseUrl}/pos-ui/?register=${register}`);
  }

  /** The name (or test id, or text) of what has the keyboard now. */
  focused(): Promise<string> {
    return focusOf(this.page);
  }

  /** Waits until the keyboard is in this field (by name or test id): where a dialog must put it. */
  async expectFocus(name: string): Promise<void> {
    await expect.poll(() => this.focused(), { message: `the keyboard should be in ${name}` }).toBe(name);
  }

  /** Whether the keyboard is in this dialog: on its first field (the first of any it has), elsewhere in it, or outside it. */
  keyboardIn(dialog: Locator): Promise<'first field' | 'inside' | 'outside'> {
    return dialog.evaluate((element) => {
      const at = document.activeElement;
      if (!at || !element.contains(at)) return 'outside';
      const first = element.querySelector('input:not([disabled]), select:not([disabled]), textarea:not([disabled])');
      return !first || at === first ? 'first field' : 'inside';
    });
  }

  /** Types into the field that has the keyboard, once it is this one, and waits until it shows the text. */
  async typeInto(name: string, text: string): Promise<void> {
    await this.expectFocus(name);
    const field = this.page.locator(`[name="${name}"]:focus, [data-testid="${name}"]:focus`);
    const before = await field.inputValue();
    await this.page.keyboard.type(text);
    await expect.poll(() => field.inputValue()).toBe(before + text);
  }

  async key(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Presses Tab (or Shift+Tab) until the keyboard is on this element, as a cashier tabs to a button. */
  async tabTo(target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 30): Promise<void> {
    await target.waitFor();
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press(key);
    }
    throw new Error(`${key} never reached ${target}`);
  }

  /** Signs in by login name and PIN on a register that is not paired (the last login may be filled in already). */
  async login(login: string, pin: string): Promise<void> {
    const loginField = this.page.locator('input[name=login]');
    if (!/^(login|pin)$/.test(await this.focused())) await this.tabTo(loginField);
    if ((await this.focused()) === 'pin' && (await loginField.inputValue()) !== login) await this.key('Shift+Tab');
    if ((await this.focused()) === 'login') {
      await this.key('ControlOrMeta+A');
      await this.key('Backspace');
      await this.typeInto('login', login);
      await this.key('Tab');
    }
    await this.typeInto('pin', pin);
    await this.key('Enter');
  }

  async openShift(float: string): Promise<void> {
    await this.typeInto('float', float);
    await this.key('Enter');
    await this.expectFocus('scan-field');
  }

  /** A keyboard-wedge scanner: the code typed as a burst of keys into the scan field, and Enter. */
  async scan(code: string): Promise<void> {
    await this.expectFocus('scan-field');
    await this.page.keyboard.type(code, { delay: 4 });
    await expect.poll(() => this.scanField.inputValue()).toBe(code);
    await this.key('Enter');
  }

  /** Types like a person, waits for the as-you-type results and goes down them to the one with this text, then Enter. */
  async searchAndPick(query: string, resultText: string): Promise<void> {
    await this.expectFocus('scan-field');
    await this.page.keyboard.type(query, { delay: 60 });
    const wanted = this.page.getByRole('option').filter({ hasText: resultText }).first();
    await wanted.waitFor();
    for (let i = 0; i < 12 && (await wanted.getAttribute('aria-selected')) !== 'true'; i++) await this.key('ArrowDown');
    expect(await wanted.getAttribute('aria-selected')).toBe('true');
    await this.key('Enter');
  }

  get #approval(): Locator {
    return this.page.getByRole('dialog', { name: /approval|подтверждение/i });
  }

  /** Types a supervisor's login (over what an earlier try left) and PIN into the approval, and Enter. */
  async #submitApproval(login: string, pin: string): Promise<void> {
    await this.#approval.waitFor();
    await this.expectFocus('approver');
    await this.key('ControlOrMeta+A');
    await this.page.keyboard.type(login);
    await expect.poll(() => this.#approval.locator('[name=approver]').inputValue()).toBe(login);
    await this.key('Tab');
    await this.typeInto('approver-pin', pin);
    await this.key('Enter');
  }

  /** Fills the supervisor approval that pops up for an act the cashier may not do alone, by keyboard. */
  async approve(login: string, pin: string): Promise<void> {
    await this.#submitApproval(login, pin);
    await this.#approval.waitFor({ state: 'detached' });
  }

  /** Submits an approval the server refuses: the dialog stays open and says why. */
  async refusedApproval(login: string, pin: string): Promise<string> {
    const dialog = this.#approval;
    const answered = this.page.waitForResponse((res) => res.url().endsWith('/api/approvals'));
    await this.#submitApproval(login, pin);
    await answered;
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    // The PIN is cleared for the next try; the keyboard goes back to the supervisor's login.
    await this.key('Shift+Tab');
    return text;
  }

  /** Moves the cart's selection with the arrow keys to the line with this text. */
  async selectLine(text: string): Promise<void> {
    const selected = this.page.getByTestId('cart').locator('tr.selected');
    const count = await this.cartRows.count();
    for (let i = 0; i < count && !(await selected.innerText()).includes(text); i++) await this.key('ArrowUp');
    for (let i = 0; i < count && !(await selected.innerText()).includes(text); i++) await this.key('ArrowDown');
    expect(await selected.innerText()).toContain(text);
  }

  /** Taps keys of the on-screen number pad (of the top-most dialog, else of the screen). */
  async tapPad(keys: string): Promise<void> {
    const pad = this.page.getByTestId('number-pad').last();
    for (const key of keys) await pad.getByRole('button', { name: key, exact: true }).tap();
  }

  /** Buttons, fields and options on screen smaller than a fingertip (44 × 44 CSS pixels). */
  smallTargets(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, [role="option"]')]
        .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.height < 43.5 || box.width < 43.5)
        .map(({ el, box }) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('name') ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
  }

  /** What does not fit: text running out of its box, and a page wider (or, with `fitHeight`, taller) than the screen. */
  overflows(fitHeight = false): Promise<string[]> {
    return this.page.evaluate((fitHeight) => {
      const found: string[] = [];
      const root = document.scrollingElement ?? document.documentElement;
      if (root.scrollWidth > window.innerWidth + 1) found.push(`page ${root.scrollWidth}px wide in ${window.innerWidth}px`);
      if (fitHeight && root.scrollHeight > window.innerHeight + 1) found.push(`page ${root.scrollHeight}px high in ${window.innerHeight}px`);
      for (const el of document.querySelectorAll<HTMLElement>('body *')) {
        if (!el.getClientRects().length || el.clientWidth === 0) continue;
        const style = getComputedStyle(el);
        if (style.overflowX !== 'visible' || style.display === 'inline') continue;
        if (el.scrollWidth > el.clientWidth + 1) found.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 40)}" ${el.scrollWidth}px in ${el.clientWidth}px`);
      }
      return found;
    }, fitHeight);
  }

  /**
   * Boxes that stick out of the box they sit in: each element's box (and each run of text's) against
   * its parent's, except inside a box that scrolls or clips (its content is meant to go beyond it)
   * and out of one placed over the page (a dialog's backdrop, a popup).
   */
  outOfBox(): Promise<string[]> {
    return this.page.evaluate(() => {
      const found: string[] = [];
      const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(/\s+/).filter((c) => !c.startsWith('svelte-')).join('.')}` : ''}`;
      const clips = (el: Element) => getComputedStyle(el).overflowX !== 'visible' || getComputedStyle(el).overflowY !== 'visible';
      const outside = (inner: DOMRect, outer: DOMRect) =>
        inner.left < outer.left - 1 || inner.right > outer.right + 1 || inner.top < outer.top - 1 || inner.bottom > outer.bottom + 1;
      const where = (r: DOMRect) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
      for (const el of document.querySelectorAll<HTMLElement>('body *')) {
        const parent = el.parentElement;
        if (!parent || parent === document.body || !el.getClientRects().length) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.position === 'fixed' || style.position === 'absolute' || clips(parent)) continue;
        const outer = parent.getBoundingClientRect();
        const box = el.getBoundingClientRect();
        if (box.width && box.height && outside(box, outer)) found.push(`${describe(el)} "${(el.textContent ?? '').trim().slice(0, 30)}" ${where(box)} out of ${describe(parent)} ${where(outer)}`);
      }
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !node.textContent?.trim() || clips(parent) || !parent.getClientRects().length) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const text = range.getBoundingClientRect();
        const outer = parent.getBoundingClientRect();
        // A run of text is as high as its font's ascent and descent, more than a tight line height
        // gives it (Chinese fonts' are tall): that half-leading above and below is no overflow.
        const lineHeight = parseFloat(getComputedStyle(parent).lineHeight);
        const lines = range.getClientRects().length ? new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size : 1;
        const leading = Number.isNaN(lineHeight) ? 0 : Math.max(0, (text.height - lines * lineHeight) / 2);
        const room = new DOMRect(outer.left, outer.top - leading, outer.width, outer.height + 2 * leading);
        if (text.width && outside(text, room)) found.push(`text "${node.textContent.trim().slice(0, 30)}" ${where(text)} out of ${describe(parent)} ${where(outer)}`);
      }
      return found;
    });
  }

  /** How many lines each element whose whole text is `text` takes on screen (1 when it does not wrap). */
  linesOf(text: string): Promise<number[]> {
    return this.page.evaluate((text) => {
      const counts: number[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.textContent?.trim() !== text || !node.parentElement?.getClientRects().length) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        counts.push(new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size);
      }
      return counts;
    }, text);
  }

  /** Buttons on screen whose text runs out of them (a button shows what overflows it, so overflows() does not see it). */
  unfitButtons(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button')]
        .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
        .map((el) => `button "${(el.textContent ?? '').trim().slice(0, 40)}" ${el.scrollWidth}px in ${el.clientWidth}px`),
    );
  }

  /** The fonts Chromium draws an element's text with; `bundled` when it is one the page brings (not the system's). */
  async fontsDrawing(selector: string): Promise<{ family: string; bundled: boolean }[]> {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      return fonts.map((font) => ({ family: font.familyName, bundled: font.isCustomFont }));
    } finally {
      await cdp.detach();
    }
  }

  /** The quantity a cart row shows in its Qty column (the third cell), as the cashier reads it. */
  async quantityShown(row = 0): Promise<string> {
    return (await this.cartRows.nth(row).locator('td').nth(2).innerText()).trim();
  }

  async rowCount(): Promise<number> {
    if (!(await this.page.getByTestId('cart').count())) return 0;
    return this.cartRows.count();
  }

  async screenshot(name: string): Promise<void> {
    // Fonts a page needs (Chinese) load when it first shows them: the picture waits for them.
    await this.page.evaluate(() => new Promise((shown) => requestAnimationFrame(() => requestAnimationFrame(shown))).then(() => document.fonts.ready).then(() => undefined));
    await this.page.screenshot({ path: `test/browser/screenshots/${name}.png` });
  }

  /** The step as a tablet shows it, both ways round (768×1024 and 1024×768), then back to the size it had. */
  async screenshotsOnTablets(name: string): Promise<void> {
    const size = this.page.viewportSize()!;
    for (const [width, height] of [[768, 1024], [1024, 768]]) {
      await this.page.setViewportSize({ width, height });
      await this.screenshot(`${name}-${width}x${height}`);
    }
    await this.page.setViewportSize(size);
  }
}
