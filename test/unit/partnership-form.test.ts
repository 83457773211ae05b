import { describe, expect, it } from "vitest";
import { parseForm } from "../../app/forms/parse";
import { partnershipSchema } from "../../app/forms/partnership";

const stockholm = {
  name: "IOP Socialförvaltningen – Brottsofferjourerna",
  publicName: "Socialförvaltningen",
  publicOrgNumber: "212000-0142",
  ideaName1: "Brottsofferjouren Stockholm-Gotland",
  ideaOrgNumber1: "8024907720",
  ideaName3: "Brottsofferjouren Västerort",
  ideaOrgNumber3: "802015–4822",
  periodKind: "annualRenewal",
  periodStart: "2025-04-01",
  periodEnd: "2025-12-31",
  periodCap: "2027-12-31",
  noticeByMonth: "9",
  noticeByDay: "30",
};

describe("partnership form", () => {
  it("builds the period rule and the party list from the seed's values, normalising organisation numbers", () => {
    const r = parseForm(partnershipSchema, stockholm);
    if (!r.ok) throw new Error(JSON.stringify(r.fieldErrors));
    expect(r.data.periodRule).toEqual({ kind: "annualRenewal", start: "2025-04-01", firstEnd: "2025-12-31", cap: "2027-12-31", noticeBy: { month: 9, day: 30 } });
    expect(r.data.publicOrgNumber).toBe("212000-0142");
    expect(r.data.ideaParties).toEqual([
      { name: "Brottsofferjouren Stockholm-Gotland", orgNumber: "802490-7720" },
      { name: "Brottsofferjouren Västerort", orgNumber: "802015-4822" },
    ]);
    expect([r.data.publicMandates, r.data.ideaMandates]).toEqual([2, 1]);
  });

  it.each([
    [{ publicOrgNumber: "212000-0143" }, { publicOrgNumber: "org.checksum" }],
    [{ ideaOrgNumber1: "" }, { ideaOrgNumber1: "org.format" }],
    [{ ideaName3: "" }, { ideaName3: "form.required" }],
    [{ ideaOrgNumber3: "212000-0142" }, { publicOrgNumber: "partnership.duplicateParty" }],
    [{ periodKind: "weekly" }, { periodKind: "period.kindRequired" }],
    [{ periodCap: "2025-06-30" }, { periodEnd: "period.capBeforeFirstEnd" }],
    [{ publicMandates: "0" }, { publicMandates: "form.numberInvalid" }],
  ])("%j is refused with %j", (change, errors) => {
    const r = parseForm(partnershipSchema, { ...stockholm, ...change });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors).toMatchObject(errors);
  });

  it("puts a wrong number of the only idea-based party under that number, not 'at least one party' under its filled-in name", () => {
    const r = parseForm(partnershipSchema, { ...stockholm, ideaOrgNumber1: "8024907721", ideaName3: "", ideaOrgNumber3: "" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fieldErrors.ideaOrgNumber1).toBe("org.checksum");
      expect(r.fieldErrors.ideaName1).toBeUndefined();
    }
  });

  it("needs at least one idea-based party", () => {
    const r = parseForm(partnershipSchema, { ...stockholm, ideaName1: "", ideaOrgNumber1: "", ideaName3: "", ideaOrgNumber3: "" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { ideaName1: "partnership.ideaPartyRequired" } });
  });
});
