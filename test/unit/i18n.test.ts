import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en";
import { sv } from "../../app/i18n/sv";
import { formatDateTime, translator } from "../../app/i18n";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dictionaries", () => {
  it.each(Object.keys(sv) as (keyof typeof sv)[])("%s has the same placeholders in English", (key) => {
    expect(placeholders(en[key])).toEqual(placeholders(sv[key]));
    expect(en[key].trim()).not.toBe("");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translator("sv")("home.welcome", { name: "Anna" })).toBe("Välkommen, Anna.");
    expect(translator("en")("home.welcome")).toBe("Welcome, {name}.");
  });

  it("formats times in Stockholm whatever the server's zone", () => {
    expect(formatDateTime("2026-12-10T12:00:00Z", "sv")).toBe("10 dec. 2026 13:00");
    expect(formatDateTime("2026-07-01T07:30:00Z", "en")).toBe("1 Jul 2026, 09:30");
  });
});
