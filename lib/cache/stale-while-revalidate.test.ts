import { describe, expect, it } from "vitest";
import { staleWhileRevalidate } from "./stale-while-revalidate";

describe("staleWhileRevalidate", () => {
  it("loads once, serves the kept value, and refreshes in the background once it is old", async () => {
    let clock = 0;
    let loads = 0;
    const cache = staleWhileRevalidate<number>(1_000, () => clock);
    const load = async () => ++loads;
    expect(await cache("k", load)).toBe(1);
    clock = 500;
    expect(await cache("k", load)).toBe(1);
    expect(loads).toBe(1);
    clock = 1_600; // old: this caller still gets the kept value, a refresh starts
    expect(await cache("k", load)).toBe(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(await cache("k", load)).toBe(2);
    expect(loads).toBe(2);
  });

  it("never runs two loads of one key at once", async () => {
    let loads = 0;
    let release!: (value: number) => void;
    const cache = staleWhileRevalidate<number>(1_000);
    const load = () => {
      loads += 1;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const first = cache("k", load);
    const second = cache("k", load);
    release(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(loads).toBe(1);
  });

  it("keeps the old value when a refresh fails, and lets the first caller see a first failure", async () => {
    let clock = 0;
    const cache = staleWhileRevalidate<string>(10, () => clock);
    await expect(cache("k", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache("k", async () => "ok")).toBe("ok");
    clock = 100;
    expect(await cache("k", async () => Promise.reject(new Error("down")))).toBe("ok");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache("k", async () => "new")).toBe("ok"); // still old, so a new refresh starts…
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache("k", async () => "newer")).toBe("new"); // …and its value is served next
  });

  it("keeps keys apart", async () => {
    const cache = staleWhileRevalidate<string>(1_000);
    expect(await cache("en", async () => "Aleppo")).toBe("Aleppo");
    expect(await cache("ar", async () => "حلب")).toBe("حلب");
  });
});
