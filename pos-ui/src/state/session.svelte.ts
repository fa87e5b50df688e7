import { Api } from '../../../shared/api-client.ts';
import type { Permission } from '../../../shared/permissions.ts';
import type { LoginResponse } from '../../../shared/schemas/auth.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

const SESSION_KEY = 'till.session';

type Listener = (session: LoginResponse) => Promise<unknown> | void;

/**
 * Who is signed in at this register, and the API client that carries their session. What the
 * other parts of the register need at sign-in (the shift, prices, devices) they load when told;
 * the register switches to them once everything is there.
 */
export class Session {
  readonly api = new Api();
  current = $state<LoginResponse | null>(null);
  #signedIn: Listener[] = [];
  #signedOut: (() => void)[] = [];

  constructor() {
    this.api.onUnauthorised = () => this.forget();
  }

  get registerCode(): string | null {
    return this.current?.register?.code ?? null;
  }

  /** Whether the cashier's own rights cover this (else a supervisor approves, or the act is not offered). */
  can(permission: Permission): boolean {
    return this.current?.permissions.includes(permission) ?? false;
  }

  onSignedIn(listener: Listener): void {
    this.#signedIn.push(listener);
  }

  onSignedOut(listener: () => void): void {
    this.#signedOut.push(listener);
  }

  /** The session of this browser tab, after a reload. */
  async restore(): Promise<void> {
    const saved = sessionStorage.getItem(SESSION_KEY);
    if (!saved) return;
    const session = JSON.parse(saved) as LoginResponse;
    this.api.token = session.token;
    try {
      await this.api.get('/api/auth/session');
      await this.#begin(session);
    } catch {
      this.forget();
    }
  }

  /** Takes a session the server gave (by login and PIN, or at a paired register by tile and PIN). */
  async adopt(session: LoginResponse): Promise<void> {
    this.api.token = session.token;
    session.user.locale = await i18n.adoptAtSignIn(session.user.locale, (locale) => this.api.request('PUT', '/api/auth/locale', { locale }));
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    try {
      await this.#begin(session);
    } catch (err) {
      this.forget();
      throw err;
    }
  }

  async login(login: string, pin: string, registerCode: string): Promise<void> {
    await this.adopt(await this.api.post<LoginResponse>('/api/auth/login', { login, pin, registerCode }));
  }

  async logout(): Promise<void> {
    try {
      await this.api.post('/api/auth/logout');
    } finally {
      this.forget();
    }
  }

  async #begin(session: LoginResponse): Promise<void> {
    i18n.currency = session.outlet.currency;
    i18n.timeZone = session.outlet.timezone;
    await Promise.all(this.#signedIn.map((listener) => listener(session)));
    this.current = session;
  }

  forget(): void {
    sessionStorage.removeItem(SESSION_KEY);
    this.api.token = null;
    this.current = null;
    for (const listener of this.#signedOut) listener();
  }
}
