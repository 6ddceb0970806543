import { describe, expect, it } from "vitest";
import { Wakeup } from "./wakeup";

// The sync worker's sleep and wake-up (lib/sync/worker.ts): a notification that arrives while no loop sleeps
// must not be lost. Timers are real; the sleeps are 60 s, so a lost wake-up shows as a test timeout.

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe("Wakeup", () => {
  it("ends a sleep at the wake-up", async () => {
    const wakeup = new Wakeup();
    const sleeping = wakeup.sleep(60_000);
    expect(await settled(sleeping)).toBe(false);
    wakeup.wake();
    expect(await settled(sleeping)).toBe(true);
  });

  it("keeps a wake-up that came while nobody slept for the next sleep, and only for that one", async () => {
    const wakeup = new Wakeup();
    wakeup.wake(); // the loop was busy with a batch when the notification came
    expect(await settled(wakeup.sleep(60_000))).toBe(true);
    const next = wakeup.sleep(60_000);
    expect(await settled(next)).toBe(false);
    wakeup.wake();
    await next;
  });

  it("wakes every sleeper at once, and keeps nothing when someone slept", async () => {
    const wakeup = new Wakeup();
    const a = wakeup.sleep(60_000);
    const b = wakeup.sleep(60_000);
    wakeup.wake();
    expect([await settled(a), await settled(b)]).toEqual([true, true]);
    const later = wakeup.sleep(60_000);
    expect(await settled(later)).toBe(false);
    wakeup.wake();
    await later;
  });
});
