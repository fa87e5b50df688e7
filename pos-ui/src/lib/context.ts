import { getContext } from 'svelte';
import type { RegisterState } from './register.svelte.ts';

/** The register state provided by app.svelte. */
export function useRegister(): RegisterState {
  return getContext<RegisterState>('register');
}
