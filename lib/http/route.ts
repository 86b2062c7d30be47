// The one wrapper every route handler goes through: typed errors and zod errors become
// application/problem+json; the database being unreachable becomes a prompt 503 with Retry-After
// (logged once per outage, by db/guarded-sql.ts); anything else unexpected is logged once (the
// logger's error serializer keeps a query's bound values out) and becomes a 500. Every request
// leaves one log line with its request id (also sent back as x-request-id).
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { MAX_ID_LENGTH } from "@/lib/ids";
import { findUnstorableString, readJsonBody } from "./body";
import { unavailable } from "./unavailable";
import { BadRequest, HttpError, Invalid, type FieldError } from "./errors";
import { logRequest } from "./request-log";

type Ctx<P> = { params: Promise<P> };
type Handler<P> = (req: NextRequest, ctx: Ctx<P>) => Promise<Response>;

export function problem(status: number, title: string, detail: string, errors?: FieldError[], headers?: Record<string, string>): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail, ...(errors ? { errors } : {}) }), {
    status,
    headers: { ...headers, "content-type": "application/problem+json" },
  });
}

export function route<P = Record<string, never>>(handler: Handler<P>): Handler<P> {
  return (req, ctx) => logRequest(req, ctx?.params as Promise<Record<string, string>> | undefined, async (log) => {
    try {
      return await handler(req, { params: Promise.resolve(checkedParams(await ctx?.params)) });
    } catch (err) {
      if (err instanceof HttpError) return problem(err.status, err.title, err.message, err.errors, err.headers);
      if (err instanceof z.ZodError) {
        const errors = fieldErrors(err);
        return problem(422, "Unprocessable Content", summarize(errors), errors);
      }
      if (isDatabaseUnavailable(err)) return unavailable();
      log.error({ err }, "request failed");
      return problem(500, "Internal Server Error", "Something went wrong on our side. Try again in a moment.");
    }
  });
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return NextResponse.json(body, { status, headers });
}

export function fieldErrors(err: z.ZodError): FieldError[] {
  return err.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

function summarize(errors: FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join("; ");
}

// Path segments reach SQL as ids: NUL, unpaired surrogates or kilobytes of text would make
// PostgreSQL fail (a 500) where the client sent a malformed id (a 400).
function checkedParams<P>(params: P): P {
  for (const [name, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "string" && (v.length > MAX_ID_LENGTH || v.includes("\u0000") || !v.isWellFormed())) {
        throw new BadRequest(`${name}: not a valid id.`, [{ path: name, message: "malformed id" }]);
      }
    }
  }
  return (params ?? {}) as P;
}

/** Response headers for a reply that carries a secret or token: never stored by a cache. */
export const NO_STORE = { "cache-control": "no-store" } as const;

/**
 * Reads a JSON body and validates it. Call it after authorizing (DESIGN §5): 415 unless JSON,
 * 413 past 1 MiB, 400 for malformed JSON or unstorable text, 422 for schema failures.
 */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return parseWith(schema, await readJsonBody(req));
}

/** Validates query parameters (as a plain object of strings) against a schema → 422. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const raw = Object.fromEntries(new URL(req.url).searchParams);
  const bad = findUnstorableString(raw);
  if (bad) throw new BadRequest(`${bad}: text may not contain NUL characters or unpaired UTF-16 surrogates.`, [{ path: bad, message: "invalid characters" }]);
  return parseWith(schema, raw);
}

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    throw new Invalid(summarize(errors), errors);
  }
  return result.data;
}
