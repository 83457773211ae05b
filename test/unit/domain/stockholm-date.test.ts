import { describe, expect, it } from "vitest";
import { isIsoDate } from "../../../app/domain/iso-date";
import { stockholmDate, stockholmInstant, stockholmParts } from "../../../app/domain/stockholm-date";

// Instants around the days that matter: DST changes (last Sunday of March and October) and
// the turn of a year, when "today" in Sweden differs from the UTC date.
describe("stockholmDate / stockholmParts read Swedish wall-clock time", () => {
  it.each([
    ["2026-03-29T00:59:00Z", "2026-03-29", "01:59"], // winter time, the last minute before the change
    ["2026-03-29T01:00:00Z", "2026-03-29", "03:00"], // summer time starts: 02:00 does not exist
    ["2026-10-25T00:59:00Z", "2026-10-25", "02:59"], // summer time, first pass through 02:xx
    ["2026-10-25T01:00:00Z", "2026-10-25", "02:00"], // winter time, the second pass
    ["2026-12-31T22:59:00Z", "2026-12-31", "23:59"],
    ["2026-12-31T23:00:00Z", "2027-01-01", "00:00"], // already the new year in Sweden
    ["2024-02-28T23:30:00Z", "2024-02-29", "00:30"], // leap day
    ["2026-06-30T21:59:59Z", "2026-06-30", "23:59"],
  ])("%s is %s %s in Stockholm", (instant, date, time) => {
    expect(stockholmDate(new Date(instant))).toBe(date);
    expect(stockholmParts(new Date(instant))).toEqual({ date, time });
  });

  it.each([
    ["2026-03-29", "10:00"],
    ["2026-10-25", "03:00"],
    ["2027-01-01", "00:00"],
  ])("%s %s survives the round trip through an instant", (date, time) => {
    expect(stockholmParts(stockholmInstant(date, time))).toEqual({ date, time });
  });
});

describe("stockholmParts keeps Stockholm's offset per UTC hour", () => {
  // The reference reads every instant through Intl on its own, as the rule did before it kept offsets.
  const reference = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" });
  const fromIntl = (instant: Date) => {
    const [date, time] = reference.format(instant).split(" ");
    return { date, time };
  };

  it("agrees with Intl at every quarter hour of 2026 and 2027, both DST changes included", () => {
    const wrong: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 15 * 60_000) {
      const instant = new Date(t);
      if (JSON.stringify(stockholmParts(instant)) !== JSON.stringify(fromIntl(instant))) wrong.push(instant.toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it.each(["1899-07-01T12:00:00Z", "1945-05-08T09:07:00Z", "1980-04-06T00:59:00Z", "1980-04-06T01:00:00Z", "2099-10-25T00:30:00Z"])(
    "agrees with Intl at %s, under other rules than today's",
    (instant) => expect(stockholmParts(new Date(instant))).toEqual(fromIntl(new Date(instant))),
  );

  it("refuses an invalid date as Intl does", () => {
    expect(() => stockholmDate(new Date("not a date"))).toThrow(RangeError);
  });
});

describe("isIsoDate accepts real calendar days only", () => {
  it.each([
    ["2024-02-29", true],
    ["2026-02-28", true],
    ["2026-12-31", true],
    ["2026-02-29", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-1-01", false],
    ["2026-01-01T00:00", false],
    ["", false],
  ])("%s → %s", (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });
});
