// The one wrapper every route handler goes through: typed errors and zod errors become
// application/problem+json; the database being unreachable becomes a prompt 503 with Retry-After
// (logged once per outage, by db/guarded-sql.ts); anything else unexpected is logged once (message
// only) and becomes a 500.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { BadRequest, HttpError, Invalid, type FieldError } from "./errors";

type Ctx<P> = { params: Promise<P> };
type Handler<P> = (req: NextRequest, ctx: Ctx<P>) => Promise<Response>;

export function problem(status: number, title: string, detail: string, errors?: FieldError[]): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail, ...(errors ? { errors } : {}) }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
}

/** Seconds a client should wait before retrying while the database is unreachable (it reconnects within 2 s). */
export const RETRY_AFTER_SECONDS = 5;

/** 503 for a request that failed because the database is unreachable: clients and trackers retry. */
export function unavailable(): Response {
  const res = problem(503, "Service Unavailable", "The database is unreachable right now. Try again in a few seconds.");
  res.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
  return res;
}

export function route<P = Record<string, never>>(handler: Handler<P>): Handler<P> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      if (err instanceof HttpError) return problem(err.status, err.title, err.message, err.errors);
      if (err instanceof z.ZodError) {
        const errors = fieldErrors(err);
        return problem(422, "Unprocessable Content", summarize(errors), errors);
      }
      if (isDatabaseUnavailable(err)) return unavailable();
      console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed:`, err instanceof Error ? err.message : err);
      return problem(500, "Internal Server Error", "Something went wrong on our side. Try again in a moment.");
    }
  };
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

/** Reads a JSON body and validates it: malformed JSON → 400, schema failures → 422. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  const text = await req.text();
  try {
    raw = text.length ? JSON.parse(text) : {};
  } catch {
    throw new BadRequest("The request body is not valid JSON.");
  }
  return parseWith(schema, raw);
}

/** Validates query parameters (as a plain object of strings) against a schema → 422. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return parseWith(schema, Object.fromEntries(new URL(req.url).searchParams));
}

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    throw new Invalid(summarize(errors), errors);
  }
  return result.data;
}
