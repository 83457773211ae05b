/**
 * One meeting's live document on a store in memory, and on one that fails: an edit is relayed
 * only once it is stored, never when storing failed, and a refused edit touches nothing.
 */
import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import type { MinutesStatus } from "../../app/domain/capabilities";
import { FRAGMENT, initialMinutes, minutesText } from "../../realtime/content";
import { LiveDocument, MessageRefused, type Connection } from "../../realtime/live-document";
import * as protocol from "../../realtime/protocol";
import type { JusteringState, MinutesStore } from "../../realtime/store";

/**
 * A store in memory whose `append` can be held back or made to fail, and whose justering state
 * another instance may have changed (`stored.state`): then it stores only edits judged under it.
 */
function memoryStore() {
  const appended: Uint8Array[] = [];
  const stored: { state: JusteringState } = { state: { status: "draft", adjusters: [] } };
  const judgedUnder: JusteringState[] = [];
  let gate: Promise<void> = Promise.resolve();
  let failing = false;
  const store: MinutesStore = {
    load: async () => null,
    exists: async () => true,
    create: async () => {},
    append: async (_id, batch, judged) => {
      await gate;
      if (failing) throw new Error("PostgreSQL is down");
      judgedUnder.push(judged);
      if (JSON.stringify(judged) !== JSON.stringify(stored.state)) return { changed: stored.state };
      const first = appended.length + 1;
      appended.push(...batch.map((b) => b.update));
      return { ids: batch.map((_, i) => first + i) };
    },
    updatesByIds: async () => [],
    state: async () => null,
    compact: async () => ({ merged: 0, bytes: 0 }),
    quarantine: async () => {},
    saveDraft: async () => {},
  };
  return {
    store,
    appended,
    stored,
    judgedUnder,
    fail: (on: boolean) => void (failing = on),
    /** Holds every append until the returned function is called. */
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return release;
    },
  };
}

function fakeSocket() {
  const sent: Uint8Array[] = [];
  const socket = { OPEN: 1, readyState: 1, closedWith: undefined as number | undefined, send: (m: Uint8Array) => void sent.push(m), close: (code: number) => {
    socket.closedWith = code;
    socket.readyState = 3;
  } };
  return { socket, sent };
}

function participant(userId: string, role: "representative" | "observer" = "representative") {
  const { socket, sent } = fakeSocket();
  const conn: Connection = {
    socket: socket as unknown as WebSocket,
    userId,
    identity: { name: userId, party: "Brottsofferjouren Västerort" },
    facts: { isAdmin: false, role, isChair: false, takesPart: true },
    awarenessIds: new Set(),
    toldReadOnly: false,
    wantsAcks: true,
  };
  return { conn, socket, sent };
}

/** What a participant was sent, by kind. */
function kinds(sent: Uint8Array[]) {
  return sent.map((m) => {
    const d = decoding.createDecoder(m);
    const type = decoding.readVarUint(d);
    if (type === protocol.MESSAGE_SYNC) return decoding.readVarUint(d) === 0 ? "sync-step1" : "update";
    return ({ [protocol.MESSAGE_AWARENESS]: "presence", [protocol.MESSAGE_AUTH]: "denied", [protocol.MESSAGE_SAVED]: "saved" } as Record<number, string>)[type];
  });
}

function liveDocument(store: MinutesStore, status: MinutesStatus = "draft") {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialMinutes([{ title: "Mötets öppnande" }]));
  return new LiveDocument(store, "meeting-1", { status, adjusters: [], bytes: 0, updateCount: 1 }, doc);
}

function paragraph(text: string) {
  const doc = new Y.Doc();
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(FRAGMENT).insert(0, [p]);
  return protocol.updateMessage(Y.encodeStateAsUpdate(doc));
}

/** A document on a store in memory, with two members writing in it. */
function twoMembersJoined() {
  const memory = memoryStore();
  const live = liveDocument(memory.store);
  const [a, b] = [participant("ahmed"), participant("ingrid")];
  live.join(a.conn);
  live.join(b.conn);
  return { memory, live, a, b };
}

const settled = () => new Promise((r) => setTimeout(r, 0));

describe("a live document", () => {
  it("relays an edit to the others only once the store has it, and tells the sender it is stored", async () => {
    const { memory, live, a, b } = twoMembersJoined();
    const release = memory.hold();
    live.receive(a.conn, paragraph("Mötet öppnades."));
    await settled();
    expect(kinds(b.sent)).toEqual(["sync-step1"]);
    expect(minutesText(live.doc)).not.toContain("Mötet öppnades.");

    release();
    await live.enqueue(async () => {});
    expect(memory.appended).toHaveLength(1);
    expect(kinds(b.sent)).toEqual(["sync-step1", "update"]);
    expect(kinds(a.sent)).toEqual(["sync-step1", "saved"]);
    expect(minutesText(live.doc)).toContain("Mötet öppnades.");
  });

  it("neither applies nor relays an edit the store failed to keep, closes the sender with a code it retries, and takes the edit again later", async () => {
    const { memory, live, a, b } = twoMembersJoined();
    memory.fail(true);
    const edit = paragraph("Under avbrottet.");
    live.receive(a.conn, edit);
    await live.enqueue(async () => {});
    expect(a.socket.closedWith).toBe(1011);
    expect(kinds(b.sent)).toEqual(["sync-step1"]);
    expect(minutesText(live.doc)).not.toContain("Under avbrottet.");

    // The client reconnects once the store answers and sends what the server lacks.
    memory.fail(false);
    const again = participant("ahmed");
    live.leave(a.conn);
    live.join(again.conn);
    live.receive(again.conn, edit);
    await live.enqueue(async () => {});
    expect(kinds(b.sent)).toEqual(["sync-step1", "update"]);
    expect(minutesText(live.doc)).toContain("Under avbrottet.");
  });

  it("rejects the server's own change when the store fails, so its caller knows", async () => {
    const memory = memoryStore();
    const live = liveDocument(memory.store);
    memory.fail(true);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live.doc));
    const before = Y.encodeStateVector(doc);
    doc.getXmlFragment(FRAGMENT).insert(0, [new Y.XmlElement("paragraph")]);
    await expect(live.enqueue(() => live.storeFromServer(Y.encodeStateAsUpdate(doc, before)))).rejects.toThrow("PostgreSQL is down");
  });

  it("stores the server's own change from a task in the pipeline there and then, with an edit received before it", async () => {
    const { memory, live, a, b } = twoMembersJoined();
    const opening = [{ id: "i-open", title: "Mötets öppnande" }];
    // Queued behind the task instead, the change would wait for the task, and the task for it.
    const synced = await live.enqueue(async () => {
      live.receive(a.conn, paragraph("Under tiden."));
      const followed = await live.syncSections(opening, opening, "Struken punkt");
      expect(memory.appended).toHaveLength(2);
      return followed;
    });
    expect(synced).toBe(true);
    expect(kinds(b.sent)).toEqual(["sync-step1", "update", "update"]);
    expect(minutesText(live.doc)).toContain("Under tiden.");
  });

  it("refuses an update holding NUL before anything is stored or relayed", async () => {
    const { memory, live, a, b } = twoMembersJoined();
    expect(() => live.receive(a.conn, paragraph("gift\u0000"))).toThrow(MessageRefused);
    await live.enqueue(async () => {});
    expect(memory.appended).toEqual([]);
    expect(kinds(b.sent)).toEqual(["sync-step1"]);
  });

  it("judges edits after a status change by the new status, and drops presence of those who may no longer write", async () => {
    const memory = memoryStore();
    const live = liveDocument(memory.store);
    const member = participant("ingrid");
    live.join(member.conn);
    member.conn.awarenessIds.add(7);
    await live.enqueue(async () => live.setState("for_approval", ["ahmed"]));
    expect(member.conn.awarenessIds.size).toBe(0);
    live.receive(member.conn, paragraph("För sent."));
    await live.enqueue(async () => {});
    expect(memory.appended).toEqual([]);
    expect(kinds(member.sent)).toContain("denied");
  });

  describe("when another instance changed the state and the relay has not told this one yet", () => {
    function sentForApprovalElsewhere() {
      const memory = memoryStore();
      const live = liveDocument(memory.store);
      const [member, adjuster, other] = [participant("ingrid"), participant("ahmed"), participant("olof")];
      for (const p of [member, adjuster, other]) live.join(p.conn);
      memory.stored.state = { status: "for_approval", adjusters: ["ahmed"] };
      return { memory, live, member, adjuster, other };
    }

    it("stores nothing a member typed after it, tells the member, and takes the stored state", async () => {
      const { memory, live, member, other } = sentForApprovalElsewhere();
      live.receive(member.conn, paragraph("Sent tillägg."));
      await live.enqueue(async () => {});
      expect(memory.appended).toEqual([]);
      expect(kinds(member.sent)).toEqual(["sync-step1", "denied"]);
      expect(kinds(other.sent)).toEqual(["sync-step1"]);
      expect(minutesText(live.doc)).not.toContain("Sent tillägg.");
      expect([live.status, live.adjusters]).toEqual(["for_approval", ["ahmed"]]);
    });

    it("stores an adjuster's edit once judged again under the stored state, and relays it", async () => {
      const { memory, live, adjuster, other } = sentForApprovalElsewhere();
      live.receive(adjuster.conn, paragraph("Justerarens rättelse."));
      await live.enqueue(async () => {});
      expect(memory.judgedUnder).toEqual([
        { status: "draft", adjusters: [] },
        { status: "for_approval", adjusters: ["ahmed"] },
      ]);
      expect(memory.appended).toHaveLength(1);
      expect(kinds(other.sent)).toEqual(["sync-step1", "update"]);
      expect(minutesText(live.doc)).toContain("Justerarens rättelse.");
    });

    it("keeps the adjuster's edit and refuses the member's when both came in one batch", async () => {
      const { memory, live, member, adjuster, other } = sentForApprovalElsewhere();
      const release = memory.hold();
      live.receive(other.conn, paragraph("Före."));
      await settled();
      // Both arrive while the first is being stored, so they are stored together.
      live.receive(member.conn, paragraph("Sent tillägg."));
      live.receive(adjuster.conn, paragraph("Justerarens rättelse."));
      release();
      await live.enqueue(async () => {});
      expect(minutesText(live.doc)).toContain("Justerarens rättelse.");
      expect(minutesText(live.doc)).not.toContain("Sent tillägg.");
      expect(minutesText(live.doc)).not.toContain("Före.");
      expect(kinds(member.sent)).toContain("denied");
    });

    it("answers that the sections cannot follow the agenda, storing nothing", async () => {
      const { memory, live } = sentForApprovalElsewhere();
      const opening = [{ id: "i-open", title: "Mötets öppnande" }];
      expect(await live.enqueue(() => live.syncSections(opening, opening, "Struken punkt"))).toBe(false);
      expect(memory.appended).toEqual([]);
      expect(live.status).toBe("for_approval");
    });

    it("refuses the server's own change to a draft that is no longer one", async () => {
      const { live } = sentForApprovalElsewhere();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(live.doc));
      const before = Y.encodeStateVector(doc);
      doc.getXmlFragment(FRAGMENT).insert(0, [new Y.XmlElement("paragraph")]);
      await expect(live.enqueue(() => live.storeFromServer(Y.encodeStateAsUpdate(doc, before)))).rejects.toThrow("no longer allows");
    });
  });
});
