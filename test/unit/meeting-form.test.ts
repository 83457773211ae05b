import { describe, expect, it } from "vitest";
import { agendaItemSchema, meetingSchema } from "../../app/forms/meeting";
import { parseForm } from "../../app/forms/parse";
import { stockholmDate, stockholmInstant, stockholmParts } from "../../app/domain/stockholm-date";

const base = { title: "Styrgruppen", kind: "ordinary", date: "2026-03-29", startTime: "10:00", endTime: "12:00" };

describe("meeting form", () => {
  it.each([
    [{ title: "" }, { title: "form.required" }],
    [{ kind: "extra" }, { extraReason: "meeting.extraReasonRequired" }],
    [{ endTime: "10:00" }, { endTime: "meeting.endBeforeStart" }],
    [{ startTime: "25:00" }, { startTime: "form.timeInvalid" }],
    [{ date: "2026-02-29" }, { date: "form.dateInvalid" }],
    [{ videoUrl: "ftp://example.se/x" }, { videoUrl: "form.urlInvalid" }],
  ])("%j is refused with %j", (change, errors) => {
    expect(parseForm(meetingSchema, { ...base, ...change })).toEqual({ ok: false, fieldErrors: errors });
  });

  it("reads times as Stockholm wall-clock time across daylight saving changes", () => {
    const r = parseForm(meetingSchema, { ...base, kind: "extra", extraReason: "Brådskande beslut om lokaler", videoUrl: "https://meet.example.se/abc" });
    if (!r.ok) throw new Error("expected valid");
    // 29 March 2026 is the day Sweden moves to summer time: 10:00 is 08:00 UTC.
    expect(r.data.startsAt.toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(r.data.extraReason).toBe("Brådskande beslut om lokaler");
    const ordinary = parseForm(meetingSchema, { ...base, extraReason: "ignored" });
    expect(ordinary.ok && ordinary.data.extraReason).toBeNull();
  });
});

describe("agenda item form", () => {
  it("splits attachment links and refuses what is not a web address", () => {
    const r = parseForm(agendaItemSchema, { title: "Verksamhetsplan", links: "https://a.se/1 https://b.se/2", estimatedMinutes: "20" });
    expect(r).toEqual({ ok: true, data: { title: "Verksamhetsplan", type: "information", presenter: "", estimatedMinutes: 20, links: ["https://a.se/1", "https://b.se/2"] } });
    expect(parseForm(agendaItemSchema, { title: "x", links: "javascript:alert(1)" })).toEqual({ ok: false, fieldErrors: { links: "form.urlInvalid" } });
    expect(parseForm(agendaItemSchema, { title: "x", estimatedMinutes: "0" })).toEqual({ ok: false, fieldErrors: { estimatedMinutes: "form.numberInvalid" } });
  });
});

describe("Stockholm dates", () => {
  it.each([
    ["2026-12-31T22:59:59Z", "2026-12-31"],
    ["2026-12-31T23:00:00Z", "2027-01-01"],
    ["2026-06-30T21:59:59Z", "2026-06-30"],
    ["2026-06-30T22:00:00Z", "2026-07-01"],
  ])("%s is %s in Sweden", (instant, date) => {
    expect(stockholmDate(new Date(instant))).toBe(date);
  });

  it.each([
    ["2026-10-25", "10:00", "2026-10-25T09:00:00.000Z"], // winter time again
    ["2026-12-10", "13:00", "2026-12-10T12:00:00.000Z"],
    ["2026-07-01", "09:30", "2026-07-01T07:30:00.000Z"],
  ])("%s %s round-trips through UTC", (date, time, utc) => {
    const instant = stockholmInstant(date, time);
    expect(instant.toISOString()).toBe(utc);
    expect(stockholmParts(instant)).toEqual({ date, time });
  });
});
