/**
 * A request that cannot be served, thrown wherever the problem is found and turned into an
 * answer in one place. `code` is the stable machine-readable reason where a side has one;
 * `headers` go out with the answer (`allow`, `retry-after`).
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly code: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly status: number,
    message: string,
    options: { code?: string; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.headers = options.headers ?? {};
  }
}
