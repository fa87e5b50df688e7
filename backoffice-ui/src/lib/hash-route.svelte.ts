/**
 * The page shown, kept in the URL after `#`: `#/reports`, `#/customers?q=anna`. A reload stays on
 * the page, a link to it can be shared, and the browser's back and forward buttons move between
 * pages, since each change of page is an entry in the browser's history. The server serves the one
 * index.html; the part after `#` never reaches it.
 */
export class HashRoute {
  /** The page's path, without `#/` and the query: `reports`. */
  path = $state('');
  /** What follows `?`: a page's own state worth a link (filters, the record shown). */
  query = $state(new URLSearchParams());

  constructor() {
    this.#read();
    window.addEventListener('hashchange', () => this.#read());
  }

  /** The link to a page, for an `<a href>`. */
  href(path: string, query?: Record<string, string>): string {
    const search = query ? new URLSearchParams(query).toString() : '';
    return `#/${path}${search ? `?${search}` : ''}`;
  }

  /** Opens a page as a new step in the history (the back button returns from it). */
  go(path: string, query?: Record<string, string>): void {
    location.hash = this.href(path, query);
  }

  /** Shows a page in place of the current one, adding no step to the history (a page that does not exist). */
  replace(path: string, query?: Record<string, string>): void {
    history.replaceState(history.state, '', this.href(path, query));
    this.#read();
  }

  #read(): void {
    const [path = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?');
    this.path = decodeURIComponent(path);
    this.query = new URLSearchParams(search);
  }
}
