// The shape of lib/ as a graph of imports: no cycles anywhere, and the delivery engine never loads
// admin code (webhooks, secrets, replay, deliveries…), inbound or auth modules — so a drain process
// carries only what it needs, and an admin change cannot break delivery by import.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|^\s*import\s+"([^"]+)"|import\("([^"]+)"\)/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (existsSync(candidate)) return candidate;
  return null;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => resolve(file, m[1] ?? m[2] ?? m[3])).filter((f): f is string => f !== null);
}

const files = sourceFiles(path.join(root, "lib"));
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(root, f);

function closure(start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const f = stack.pop()!;
    for (const next of graph.get(f) ?? []) if (!seen.has(next)) seen.add(next), stack.push(next);
  }
  return seen;
}

describe("lib module graph", () => {
  it("has no import cycles", () => {
    const cycles = files.filter((f) => closure(f).has(f)).map(rel);
    expect(cycles).toEqual([]);
  });

  it("keeps the delivery engine free of admin, inbound and auth code", () => {
    const engine = files.filter((f) => rel(f).startsWith("lib/outbound/engine/"));
    expect(engine.length).toBeGreaterThan(0);
    const outboundAdmin = new Set(["webhooks", "secrets", "replay", "send-test", "deliveries", "present", "webhook-read"].map((n) => path.join(root, `lib/outbound/${n}.ts`)));
    const forbidden = (f: string) => outboundAdmin.has(f) || /^lib\/(inbound|auth|domain)\//.test(rel(f));
    const offenders = engine.flatMap((f) => [...closure(f)].filter(forbidden).map((bad) => `${rel(f)} → ${rel(bad)}`));
    expect(offenders).toEqual([]);
  });
});
