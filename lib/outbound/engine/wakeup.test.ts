import { describe, expect, it } from "vitest";
import { Wakeup } from "./wakeup";

describe("Wakeup", () => {
  it("wakes a waiter on notify", async () => {
    const w = new Wakeup();
    const t = Date.now();
    setTimeout(() => w.notify(), 5);
    await w.wait(5_000);
    expect(Date.now() - t).toBeLessThan(1_000);
  });

  it("remembers a notify that came while nobody waited", async () => {
    const w = new Wakeup();
    w.notify();
    const t = Date.now();
    await w.wait(5_000);
    expect(Date.now() - t).toBeLessThan(50);
  });

  it("times out without a notify, and a remembered notify is used once", async () => {
    const w = new Wakeup();
    w.notify();
    await w.wait(5_000);
    const t = Date.now();
    await w.wait(20);
    expect(Date.now() - t).toBeGreaterThanOrEqual(15);
  });
});
