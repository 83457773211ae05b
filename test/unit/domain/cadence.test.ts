import { describe, expect, it } from "vitest";
import { cadenceStatus, type Cadence } from "../../../app/domain/cadence";

// The seeds' meeting cadences.
const linkoping: Cadence = { per: "year", atLeast: 2 }; // 002: "minst två gånger per år"
const boras: Cadence = { per: "year", atLeast: 2 }; // 003: follow-up "två gånger om året"
const osterakerCheckIn: Cadence = { per: "half-year", atLeast: 1 }; // 000 §6: "en gång per termin"
const osterakerFollowUp: Cadence = { per: "year", atLeast: 1 }; // 000 §6: "minst en gång per år"

describe("cadenceStatus", () => {
  // [label, cadence, meeting dates, on, period, held or planned, missing]
  it.each<[string, Cadence, string[], string, string, number, number]>([
    ["Linköping, both meetings planned", linkoping, ["2025-03-12", "2025-10-08"], "2025-06-01", "2025-01-01..2025-12-31", 2, 0],
    ["Linköping, one short", linkoping, ["2025-03-12", "2026-03-11"], "2025-06-01", "2025-01-01..2025-12-31", 1, 1],
    ["Linköping, nothing yet", linkoping, [], "2026-01-01", "2026-01-01..2026-12-31", 0, 2],
    ["31 December belongs to its year", linkoping, ["2025-12-31", "2026-01-01"], "2025-12-31", "2025-01-01..2025-12-31", 1, 1],
    ["1 January belongs to the new year", linkoping, ["2025-12-31", "2026-01-01"], "2026-01-01", "2026-01-01..2026-12-31", 1, 1],
    ["two meetings the same day count twice", boras, ["2025-05-20", "2025-05-20"], "2025-11-30", "2025-01-01..2025-12-31", 2, 0],
    ["more than required", boras, ["2025-02-01", "2025-05-20", "2025-09-01"], "2025-11-30", "2025-01-01..2025-12-31", 3, 0],
    ["spring term ends 30 June", osterakerCheckIn, ["2025-06-30"], "2025-06-30", "2025-01-01..2025-06-30", 1, 0],
    ["autumn term starts 1 July", osterakerCheckIn, ["2025-06-30"], "2025-07-01", "2025-07-01..2025-12-31", 0, 1],
    ["autumn term to 31 December", osterakerCheckIn, ["2025-12-31"], "2025-12-31", "2025-07-01..2025-12-31", 1, 0],
    ["spring term from 1 January", osterakerCheckIn, ["2025-12-31"], "2026-01-01", "2026-01-01..2026-06-30", 0, 1],
    ["yearly follow-up", osterakerFollowUp, ["2024-11-14"], "2024-02-29", "2024-01-01..2024-12-31", 1, 0],
  ])("%s", (_, cadence, dates, on, period, heldOrPlanned, missing) => {
    const [periodStart, periodEnd] = period.split("..");
    expect(cadenceStatus(cadence, dates, on)).toEqual({
      periodStart,
      periodEnd,
      required: cadence.atLeast,
      heldOrPlanned,
      missing,
      atRisk: missing > 0,
    });
  });

  it("throws on a malformed date", () => {
    expect(() => cadenceStatus(linkoping, ["2025-3-12"], "2025-06-01")).toThrow(RangeError);
    expect(() => cadenceStatus(linkoping, [], "2025-06-31")).toThrow(RangeError);
  });
});
