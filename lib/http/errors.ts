// Typed errors that map to HTTP statuses; `route()` turns them into problem+json.
export type FieldError = { path: string; message: string };

export class HttpError extends Error {
  /** Extra response headers (e.g. Retry-After). */
  headers?: Record<string, string>;
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }
}

export class BadRequest extends HttpError {
  constructor(message: string, errors?: FieldError[]) {
    super(400, "Bad Request", message, errors);
  }
}
export class Unauthorized extends HttpError {
  constructor(message = "Sign in or send an API token as Authorization: Bearer <token>.") {
    super(401, "Unauthorized", message);
  }
}
export class Forbidden extends HttpError {
  constructor(message = "Only project admins can do this.") {
    super(403, "Forbidden", message);
  }
}
export class NotFound extends HttpError {
  constructor(message = "Not found.") {
    super(404, "Not Found", message);
  }
}
export class Conflict extends HttpError {
  constructor(message: string) {
    super(409, "Conflict", message);
  }
}
export class PayloadTooLarge extends HttpError {
  constructor(message: string) {
    super(413, "Payload Too Large", message);
  }
}
export class UnsupportedMediaType extends HttpError {
  constructor(message: string) {
    super(415, "Unsupported Media Type", message);
  }
}
export class Invalid extends HttpError {
  constructor(message: string, errors?: FieldError[]) {
    super(422, "Unprocessable Content", message, errors);
  }
}
export class TooManyRequests extends HttpError {
  constructor(message: string, retryAfterSeconds?: number) {
    super(429, "Too Many Requests", message);
    if (retryAfterSeconds !== undefined) this.headers = { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) };
  }
}
