/**
 * For lists reloaded as people type and page: only the answer to the latest request is used, so
 * a slower earlier answer cannot overwrite a newer page.
 */
export class LatestRequest {
  #count = 0;

  /** The value, or undefined when a newer request was made meanwhile. */
  async run<T>(request: Promise<T>): Promise<T | undefined> {
    const mine = ++this.#count;
    const value = await request;
    return mine === this.#count ? value : undefined;
  }
}
