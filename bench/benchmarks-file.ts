// BENCHMARKS.md holds each benchmark's latest figures between its own markers, so a rerun replaces
// its section in place and leaves the others (and the hand-written notes beside them) alone.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const FILE = path.resolve(import.meta.dirname, "../BENCHMARKS.md");

/** Replaces the section named `name` (between `<!-- name:start -->` and `<!-- name:end -->`), or appends it. */
export function writeSection(name: string, section: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const doc = existsSync(FILE) ? readFileSync(FILE, "utf8") : "# Benchmarks\n";
  const block = `${start}${section}${end}\n`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  writeFileSync(FILE, i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length + 1) : `${doc.trimEnd()}\n\n${block}`);
}
