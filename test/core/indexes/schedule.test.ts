import { describe, expect, it } from "vitest";
import { dailySlot, nextDailyRunMs, SLOT_MINUTES, SLOTS_PER_DAY, slotAt } from "../../../src/core/indexes/schedule";
import { newIndexId } from "../../../src/core/ids";

describe("daily sync slots", () => {
  it("spreads indexes over the 96 quarter hours of the day", () => {
    const counts = new Array<number>(SLOTS_PER_DAY).fill(0);
    for (let i = 0; i < 9600; i++) counts[dailySlot(newIndexId())]!++;
    expect(SLOTS_PER_DAY).toBe(96);
    // 100 expected per slot: no slot is empty or holds more than twice its share.
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan(200);
  });

  it("maps a cron tick to its quarter hour and an index to its next start", () => {
    const day = Date.UTC(2026, 5, 1);
    expect(slotAt(day)).toBe(0);
    expect(slotAt(day + SLOT_MINUTES * 60_000 - 1)).toBe(0);
    expect(slotAt(day + 23 * 3600_000 + 45 * 60_000)).toBe(95);
    const id = newIndexId();
    const next = nextDailyRunMs(id, day + 1);
    expect(slotAt(next)).toBe(dailySlot(id));
    expect(next).toBeGreaterThanOrEqual(day + 1);
    expect(next - (day + 1)).toBeLessThanOrEqual(24 * 3600_000);
  });
});
