// A small fetch wrapper for the web apps: bearer token, JSON, and the server's error envelope.

export interface ApiFieldError {
  path: string;
  message: string;
}

/** An error answer of the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: ApiFieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export class Api {
  token: string | null = null;
  onUnauthorised: (() => void) | null = null;

  constructor(private readonly base = '') {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.#send<T>(method, path, body === undefined ? {} : { 'content-type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
  }

  /**
   * Sends a file itself as the request body (an upload route reads the raw body). An import says
   * `application/octet-stream` whatever the file's name suggests: the server reads the bytes and
   * detects the format (a `.txt` saved as Excel "Unicode text" comes as `text/plain`).
   */
  upload<T>(path: string, file: Blob, type = file.type || 'application/octet-stream'): Promise<T> {
    return this.#send<T>('POST', path, { 'content-type': type }, file);
  }

  async #send<T>(method: string, path: string, headers: Record<string, string>, body: BodyInit | undefined): Promise<T> {
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers, body });
    } catch (err) {
      throw new ApiError(0, 'network', (err as Error).message);
    }
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const error = data?.error ?? {};
      if (res.status === 401 && this.token) this.onUnauthorised?.();
      throw new ApiError(res.status, error.code ?? 'http-error', error.message ?? res.statusText, error.fields ?? [], error.details ?? {});
    }
    return data as T;
  }
}
