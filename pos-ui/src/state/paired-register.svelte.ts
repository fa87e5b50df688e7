import { Api, ApiError } from '../../../shared/api-client.ts';
import type { LoginResponse } from '../../../shared/schemas/auth.ts';
import type { PairedRegister, RegisterSignInView } from '../../../shared/schemas/register-touch.ts';

const PAIRED_KEY = 'till.pairedRegister';

function saved(): PairedRegister | null {
  try {
    return JSON.parse(localStorage.getItem(PAIRED_KEY) ?? 'null') as PairedRegister | null;
  } catch {
    return null;
  }
}

/**
 * This browser as a register the owner paired: it keeps the register token (in local storage, for
 * this register only) and shows its cashiers as tiles, who sign in by PIN. A browser that is not
 * paired signs in by login name and PIN.
 */
export class PairedRegisterState {
  paired = $state<PairedRegister | null>(saved());
  readonly #api = new Api();

  #client(): Api {
    this.#api.token = this.paired?.token ?? null;
    return this.#api;
  }

  /** Takes the owner's pairing code: from now on this browser is that register. */
  async pair(code: string): Promise<PairedRegister> {
    const paired = await this.#client().post<PairedRegister>('/api/registers/pair', { code });
    localStorage.setItem(PAIRED_KEY, JSON.stringify(paired));
    this.paired = paired;
    return paired;
  }

  /** The cashiers' tiles; a register the owner unpaired forgets its token. */
  async signInView(): Promise<RegisterSignInView | null> {
    if (!this.paired) return null;
    try {
      return await this.#client().get<RegisterSignInView>('/api/registers/this');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.forget();
      throw err;
    }
  }

  /** A session for the tile's user and their PIN, or the PIN alone where this register allows it. */
  signIn(pin: string, userId?: string): Promise<LoginResponse> {
    return this.#client().post<LoginResponse>('/api/registers/this/sign-in', { pin, ...(userId ? { userId } : {}) });
  }

  forget(): void {
    localStorage.removeItem(PAIRED_KEY);
    this.paired = null;
  }
}
