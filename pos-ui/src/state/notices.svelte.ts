import { describeError } from '../lib/errors.ts';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/** The line under the scan field: what just happened, or what went wrong. */
export class Notices {
  current = $state<Notice | null>(null);

  info(text: string): void {
    this.current = { kind: 'info', text };
  }

  error(err: unknown): void {
    const text = describeError(err);
    if (text !== null) this.current = { kind: 'error', text };
  }

  clear(): void {
    this.current = null;
  }
}
