import { describe, expect, it } from "vitest";
import { luhnValid, validateOrgNumber } from "../../../app/domain/org-number";

describe("validateOrgNumber", () => {
  it.each([
    // The five numbers in the seeds, as written there.
    ["212000-0142", "212000-0142"], // Socialförvaltningen, Stockholm (004)
    ["802490-7720", "802490-7720"], // Brottsofferjouren Stockholm-Gotland (004)
    ["802476-1044", "802476-1044"], // Brottsofferjouren Södra Stockholm (004)
    ["802015-4822", "802015-4822"], // Brottsofferjouren Västerort (004)
    ["864501\u20135200", "864501-5200"], // Kvinno- och tjejjouren Borås (003), with an en dash
    // Accepted spellings, normalised.
    ["8024907720", "802490-7720"],
    ["  802476-1044\t", "802476-1044"],
    ["\n8645015200 ", "864501-5200"],
  ])("accepts %j as %s", (input, value) => {
    expect(validateOrgNumber(input)).toEqual({ ok: true, value });
  });

  it.each([
    ["802490-7721", "checksum"], // last digit off by one
    ["212000-0143", "checksum"],
    ["802476-1045", "checksum"],
    ["864501-5201", "checksum"],
    ["802940-7720", "checksum"], // adjacent digits swapped
    ["", "format"],
    ["   ", "format"],
    ["802490-772", "format"], // nine digits
    ["802490-77200", "format"], // eleven digits
    ["80249077201", "format"],
    ["80249-07720", "format"], // separator in the wrong place
    ["802490 7720", "format"], // space is not a separator
    ["802490_7720", "format"],
    ["802490\u20147720", "format"], // em dash
    ["802490--7720", "format"],
    ["16802490-7720", "format"], // 12-digit form with century
    ["SE802490772001", "format"], // VAT number
    ["80249O-7720", "format"], // letter O for zero
    ["abcdef-ghij", "format"],
    ["８０２４９０-７７２０", "format"], // full-width digits
  ])("rejects %j (%s)", (input, error) => {
    expect(validateOrgNumber(input)).toEqual({ ok: false, error });
  });
});

describe("luhnValid", () => {
  it.each([
    ["8024907720", true],
    ["8112189876", true], // Skatteverket's sample personnummer 811218-9876
    ["8112189875", false],
    ["79927398713", true], // the classic Luhn example, odd length
    ["79927398710", false],
    ["0", true],
    ["", false],
    ["802490-7720", false], // digits only
    ["12a4", false],
  ])("%j → %s", (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });
});
