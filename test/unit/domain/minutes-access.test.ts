import { describe, expect, it } from "vitest";
import { minutesAccess, type MinutesAccessInput } from "../../../app/domain/minutes-access";

const member = { isAdmin: false, role: "representative", isChair: false, isAdjuster: false } as const;

describe("minutes access", () => {
  it.each<[string, Partial<MinutesAccessInput> & Pick<MinutesAccessInput, "status">, "write" | "read" | null]>([
    ["a non-member, whatever the status", { ...member, role: null, status: "draft" }, null],
    ["a non-member even when asked to adjust", { ...member, role: null, isAdjuster: true, status: "for_approval" }, null],
    ["a representative on a draft", { ...member, status: "draft" }, "write"],
    ["a deputy on a draft", { ...member, role: "deputy", status: "draft" }, "write"],
    ["an observer on a draft", { ...member, role: "observer", status: "draft" }, "read"],
    ["a coordinator on a draft", { ...member, role: null, isAdmin: true, status: "draft" }, "write"],
    ["a representative once sent for approval", { ...member, status: "for_approval" }, "read"],
    ["the chair during approval", { ...member, isChair: true, status: "for_approval" }, "write"],
    ["an adjuster during approval", { ...member, isAdjuster: true, status: "for_approval" }, "write"],
    ["the chair on final minutes", { ...member, isChair: true, status: "final" }, "read"],
    ["a coordinator on final minutes", { ...member, isAdmin: true, status: "final" }, "read"],
  ])("%s → %s", (_label, input, expected) => {
    expect(minutesAccess({ ...member, ...input })).toBe(expected);
  });
});
