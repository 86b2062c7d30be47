// The client components' way to call /api/v1: JSON in, JSON out, and an ApiError that carries the
// server's problem+json message and field errors so forms can show them next to their inputs.
export type FieldError = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The message for one field (e.g. "name"), if the server rejected it. */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export async function api<T = unknown>(path: string, options: { method?: Method; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path.startsWith("/api/") ? path : `/api/v1${path}`, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: options.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: "same-origin",
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "Could not reach Switchyard. Check your connection and try again.");
  }
  const text = await res.text();
  const body = text ? safeParse(text) : undefined;
  if (!res.ok) {
    const problem = (body ?? {}) as { detail?: string; title?: string; errors?: FieldError[] };
    throw new ApiError(res.status, problem.detail || problem.title || `Request failed with status ${res.status}.`, problem.errors ?? []);
  }
  return body as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A readable message for any error thrown by `api()` or elsewhere. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return "Something went wrong. Try again.";
}

/** For a one-field form: the server's message for that field, or the whole failure when it names no field. */
export function singleFieldError(err: unknown, path: string): string | undefined {
  if (!err) return undefined;
  if (err instanceof ApiError && err.errors.length) return err.fieldError(path);
  return errorMessage(err);
}
