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
