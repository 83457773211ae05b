import { expect, it } from "vitest";
import { envelopes, type RelayMessage } from "../../realtime/relay";

const meetingId = "6f1c7a52-7d1e-4b8e-9a57-2f0d3c1b9e11";
const update = (size: number): RelayMessage => ({ kind: "update", ids: [7], updates: [new Uint8Array(size).fill(65)] });
const entries = (payload: string) =>
  (JSON.parse(payload) as { entries: { message: { kind: string; updates?: string[] | null } }[] }).entries;

it("packs the messages of one turn into one payload, in order", () => {
  const payloads = envelopes(
    "me",
    [
      { meetingId, message: update(10) },
      { meetingId, message: { kind: "awareness", update: new Uint8Array([1, 2]) } },
      { meetingId, message: { kind: "state" } },
    ],
    7500,
  );
  expect(payloads).toHaveLength(1);
  expect(JSON.parse(payloads[0]).from).toBe("me");
  expect(entries(payloads[0]).map((e) => e.message.kind)).toEqual(["update", "awareness", "state"]);
});

it("keeps every payload under the limit: splits, sends a large update by its ids, drops presence too large", () => {
  const payloads = envelopes(
    "me",
    [
      { meetingId, message: update(3000) },
      { meetingId, message: update(3000) },
      { meetingId, message: update(9000) },
      { meetingId, message: { kind: "awareness", update: new Uint8Array(9000) } },
      { meetingId, message: { kind: "state" } },
    ],
    7500,
  );
  for (const p of payloads) expect(p.length).toBeLessThanOrEqual(7500);
  const all = payloads.flatMap(entries);
  expect(all.map((e) => e.message.kind)).toEqual(["update", "update", "update", "state"]);
  expect(all[2].message.updates).toBeNull();
  expect(all[0].message.updates).toHaveLength(1);
});
