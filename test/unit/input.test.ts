import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { dateField, dateParam, hasUnstorableCharacter, monthParam, rowIdParam, unstorableFields, yearParam } from "../../app/forms/input";
import { parseForm } from "../../app/forms/parse";
import { queryParam } from "../../app/http/query.server";
import { apiLoader, methodNotAllowed } from "../../app/services/api.server";

describe("characters a text column cannot store", () => {
  it.each([
    ["NUL", "a\u0000b", true],
    ["bell", "a\u0007b", true],
    ["backspace", "\b", true],
    ["vertical tab", "a\u000Bb", true],
    ["form feed", "a\u000Cb", true],
    ["escape", "\u001B[31m", true],
    ["unit separator", "\u001F", true],
    ["lone high surrogate", "a\uD83Db", true],
    ["lone low surrogate", "\uDE00", true],
    ["surrogates in the wrong order", "\uDE00\uD83D", true],
    ["tab, newline, carriage return", "a\tb\nc\r\n", false],
    ["Swedish letters and typographic quotes", "Österåker ”för” – § 3", false],
    ["an emoji (a well-formed surrogate pair)", "Bra 👍", false],
    ["DEL and C1 controls (PostgreSQL stores them)", "\u007F\u0085", false],
    ["empty", "", false],
  ])("%s", (_name, value, bad) => {
    expect(hasUnstorableCharacter(value)).toBe(bad);
  });

  it("names each field holding one, also among repeated fields, and ignores what is not text", () => {
    const form = new FormData();
    form.append("title", "ok");
    form.append("adjuster", "fine");
    form.append("adjuster", "bad\u0000");
    form.append("text", "x\u0007");
    form.append("text", "y\u0007");
    form.append("file", new Blob(["\u0000"]), "a.bin");
    expect(unstorableFields(form.entries())).toEqual(["adjuster", "text"]);
    expect(unstorableFields(Object.entries({ keys: ["a", "b\u0001"], count: 3, none: undefined }))).toEqual(["keys"]);
  });
});

describe("parseForm", () => {
  const schema = z.object({ title: z.string().trim().min(1, "form.required"), note: z.string().optional() });

  it("refuses a control character at its field before the schema runs, even in a field the schema ignores", () => {
    expect(parseForm(schema, { title: "Styrgrupp\u0000" })).toEqual({ ok: false, fieldErrors: { title: "form.controlCharacter" } });
    expect(parseForm(schema, { title: "", note: "\u0007", extra: "\u0000" })).toEqual({
      ok: false,
      fieldErrors: { note: "form.controlCharacter", extra: "form.controlCharacter" },
    });
    const form = new FormData();
    form.append("title", "Styrgrupp");
    form.append("title", "Styrgrupp\u0000");
    expect(parseForm(schema, form)).toEqual({ ok: false, fieldErrors: { title: "form.controlCharacter" } });
  });

  it("keeps tabs and newlines in text", () => {
    expect(parseForm(schema, { title: "Rad 1\r\n\tRad 2" })).toEqual({ ok: true, data: { title: "Rad 1\r\n\tRad 2" } });
  });
});

describe("dates and numbers people enter", () => {
  it.each([
    ["2026-03-29", null],
    ["1900-01-01", null],
    ["2200-12-31", null],
    ["1899-12-31", "form.dateOutOfRange"],
    ["2201-01-01", "form.dateOutOfRange"],
    ["9999-12-31", "form.dateOutOfRange"],
    ["2026-02-29", "form.dateInvalid"],
    ["+02026-01-01", "form.dateInvalid"],
    ["", "form.dateInvalid"],
  ])("date field %j", (value, error) => {
    const r = dateField.safeParse(value);
    expect(r.success ? null : r.error.issues.map((i) => i.message)).toEqual(error && [error]);
  });

  it.each([
    ["dateParam", dateParam, "2026-09-30", "2026-09-30"],
    ["dateParam", dateParam, "9999-12-31", undefined],
    ["dateParam", dateParam, "2025-13-01", undefined],
    ["yearParam", yearParam, "2025", 2025],
    ["yearParam", yearParam, "2200", 2200],
    ["yearParam", yearParam, "0000", undefined],
    ["yearParam", yearParam, "2201", undefined],
    ["yearParam", yearParam, "1e3", undefined],
    ["yearParam", yearParam, "20x5", undefined],
    ["monthParam", monthParam, "2027-02", "2027-02"],
    ["monthParam", monthParam, "2027-13", undefined],
    ["monthParam", monthParam, "0000-01", undefined],
    ["monthParam", monthParam, "2027-2", undefined],
    ["rowIdParam", rowIdParam, "42", 42],
    ["rowIdParam", rowIdParam, "999999999999999", 999999999999999],
    ["rowIdParam", rowIdParam, "1e400", undefined],
    ["rowIdParam", rowIdParam, "Infinity", undefined],
    ["rowIdParam", rowIdParam, "0", undefined],
    ["rowIdParam", rowIdParam, "-1", undefined],
    ["rowIdParam", rowIdParam, "1.5", undefined],
    ["rowIdParam", rowIdParam, "0x10", undefined],
    ["rowIdParam", rowIdParam, "9999999999999999", undefined],
  ] as [string, z.ZodType<unknown, string>, string, unknown][])("%s %j → %j", (_name, schema, raw, value) => {
    const r = schema.safeParse(raw);
    expect(r.success ? r.data : undefined).toEqual(value);
  });
});

describe("queryParam", () => {
  const request = (query: string) => new Request(`http://samrad.test/x?${query}`);

  it("reads a valid value and treats absent or empty as not given", () => {
    expect(queryParam(request("year=2025"), "year", yearParam)).toBe(2025);
    expect(queryParam(request(""), "year", yearParam)).toBeUndefined();
    expect(queryParam(request("year="), "year", yearParam)).toBeUndefined();
  });

  it("throws a JSON 400 naming the parameter for a value that is there but wrong", async () => {
    const thrown = (() => {
      try {
        queryParam(request("on=9999-12-31"), "on", dateParam);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(Response);
    const res = thrown as Response;
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/json/);
    expect(await res.json()).toEqual({ error: "on must be a date YYYY-MM-DD from 1900-01-01 to 2200-12-31", param: "on" });
  });
});

describe("apiLoader", () => {
  const args = {} as LoaderFunctionArgs;
  const answer = async (res: Response) => ({ status: res.status, type: res.headers.get("content-type"), body: await res.json() });

  it("passes answers and thrown JSON responses through as they are", async () => {
    expect(await answer(await apiLoader(async () => Response.json([1]))(args))).toEqual({ status: 200, type: "application/json", body: [1] });
    const unauthenticated = Response.json({ error: "unauthenticated" }, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
    const res = await apiLoader(async () => {
      throw unauthenticated;
    })(args);
    expect(res).toBe(unauthenticated);
  });

  it("gives a thrown text response a JSON body with its status", async () => {
    const res = await apiLoader(async () => {
      throw new Response("Not Found", { status: 404 });
    })(args);
    expect(await answer(res)).toEqual({ status: 404, type: "application/json", body: { error: "not found" } });
  });

  it("logs an unexpected error and answers a JSON 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = new Error("database went away");
    const res = await apiLoader(async () => {
      throw boom;
    })(args);
    expect(await answer(res)).toEqual({ status: 500, type: "application/json", body: { error: "internal server error" } });
    expect(log).toHaveBeenCalledWith(boom);
    log.mockRestore();
  });

  it("leaves a database outage to the outage guard outside it (a JSON 503)", async () => {
    const down = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    await expect(
      apiLoader(async () => {
        throw down;
      })(args),
    ).rejects.toBe(down);
  });

  it("answers other methods with a JSON 405 that says what is allowed", async () => {
    const res = methodNotAllowed();
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(await answer(res)).toEqual({ status: 405, type: "application/json", body: { error: "method not allowed" } });
  });
});
