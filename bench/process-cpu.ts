// CPU seconds used so far by processes on this Linux host, read from /proc, so a benchmark can say
// where each request's CPU went (server, PostgreSQL, load generator) beside its throughput.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of one process, in seconds (0 once it is gone). */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** cutime + cstime: the CPU of a process's children that have exited (and were waited for). */
function exitedChildrenCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * The PostgreSQL server of a data directory and all its backends (postmaster.pid names the postmaster),
 * including those that exited meanwhile (short-lived autovacuum workers).
 */
export function postgresCpuSeconds(dataDir: string): number {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  let total = processCpuSeconds(postmaster) + exitedChildrenCpuSeconds(postmaster);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      if (ppid === postmaster) total += processCpuSeconds(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/**
 * The same CPU split by what each PostgreSQL process does (its process title): the backends serving
 * queries, autovacuum, the rest (WAL writer, checkpointer, background writer, postmaster), and exited ones.
 */
export function postgresCpuByRole(dataDir: string): { queries: number; autovacuum: number; background: number; exited: number } {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  // Exited children are mostly autovacuum workers (the app's backends live as long as its pool).
  const split = { queries: 0, autovacuum: 0, background: processCpuSeconds(postmaster), exited: exitedChildrenCpuSeconds(postmaster) };
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      if (ppid !== postmaster) continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const role = title.includes("autovacuum") ? "autovacuum" : /postgres: (walwriter|checkpointer|background writer|logical replication|io worker|walsummarizer|archiver)/.test(title) ? "background" : "queries";
      split[role] += processCpuSeconds(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return split;
}

/** CPU seconds of `rootPid` and all its descendants, leaving out the subtrees rooted at `exclude`. */
export function treeCpuSeconds(rootPid: number, exclude: number[] = []): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    if (exclude.includes(pid)) continue;
    total += processCpuSeconds(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
