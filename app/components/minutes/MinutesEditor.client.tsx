import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, Extension, useEditor, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { SECTION_ITEM } from "../../../realtime/content";
import { MESSAGE_SAVED } from "../../../realtime/protocol";
import { useT } from "~/i18n/use-t";
import { PersonnummerGuard, personnummerIn } from "./personnummer-guard";
import { QuotedHits } from "./QuotedHits";

export interface Participant {
  name: string;
  party: string;
  color: string;
}

/**
 * The agenda item the server marks a section's heading with, so it can renumber and move the
 * section when the agenda changes. The editor must know the attribute or it drops it on the next
 * edit; a heading split in two keeps it on the first part only.
 */
const AgendaSections = Extension.create({
  name: "agendaSections",
  addGlobalAttributes: () => [{ types: ["heading"], attributes: { [SECTION_ITEM]: { default: null, rendered: false, keepOnSplit: false } } }],
});

type Connection = "connecting" | "connected" | "reconnecting" | "offline" | "refused";

interface Session {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/**
 * The meeting's minutes, edited together: Tiptap bound to a Yjs document that the server
 * keeps in PostgreSQL. Undo and redo are Yjs's own, so each person undoes only their edits.
 */
export function MinutesEditor({ meetingId, me, editable }: { meetingId: string; me: Participant; editable: boolean }) {
  const t = useT();
  const [session, setSession] = useState<Session | null>(null);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [unsaved, setUnsaved] = useState(false);
  const [present, setPresent] = useState<Participant[]>([]);

  // Created in an effect (not during render) so React's double mount in development gets its own socket.
  useEffect(() => {
    const doc = new Y.Doc();
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const provider = new WebsocketProvider(`${scheme}://${window.location.host}/realtime`, `minutes-${meetingId}`, doc, {
      maxBackoffTime: 5000,
      params: { acks: "1" }, // "stored" acknowledgements, for the saved indicator
    });
    let wasConnected = false;
    provider.on("status", ({ status }: { status: string }) => {
      if (status === "connected") wasConnected = true;
      setConnection(status === "connected" ? "connected" : status === "connecting" ? (wasConnected ? "reconnecting" : "connecting") : "offline");
    });
    provider.on("closed", ({ code }: { code: number }) => code >= 4400 && code < 4500 && setConnection("refused"));
    // Local edits are unsaved until the server says it has stored everything this browser sent.
    doc.on("update", (_u: Uint8Array, origin: unknown) => origin !== provider && setUnsaved(true));
    provider.messageHandlers[MESSAGE_SAVED] = () => setUnsaved(false);
    const onAwareness = () =>
      setPresent([...provider.awareness.getStates().values()].map((s) => s.user as Participant | undefined).filter((u): u is Participant => Boolean(u)));
    provider.awareness.on("change", onAwareness);
    setSession({ doc, provider });
    return () => {
      provider.destroy();
      doc.destroy();
    };
  }, [meetingId]);

  useEffect(() => {
    session?.provider.awareness.setLocalStateField("user", { name: me.name, party: me.party, color: me.color });
  }, [session, me.name, me.party, me.color]);

  return (
    <div className="minutes">
      <div className="minutes-bar">
        <p className="minutes-status" role="status" aria-live="polite">
          {t(`minutes.connection.${connection}`)}
          {connection === "connected" || unsaved ? ` · ${t(unsaved ? "minutes.unsaved" : "minutes.saved")}` : ""}
        </p>
        <ul className="presence" aria-label={t("minutes.present")}>
          {present.map((p, i) => (
            <li key={i}>
              <span className="presence-dot" style={{ background: p.color }} aria-hidden="true" />
              {p.name} ({p.party})
            </li>
          ))}
        </ul>
      </div>
      {session ? <CollaborativeText session={session} me={me} editable={editable && connection !== "refused"} /> : null}
    </div>
  );
}

function CollaborativeText({ session, me, editable }: { session: Session; me: Participant; editable: boolean }) {
  const t = useT();
  const editor = useEditor({
    immediatelyRender: false,
    editable,
    extensions: [
      StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
      AgendaSections,
      Collaboration.configure({ document: session.doc }),
      CollaborationCaret.configure({ provider: session.provider, user: { name: `${me.name} (${me.party})`, color: me.color } }),
      PersonnummerGuard,
    ],
    editorProps: { attributes: { "aria-label": t("minutes.editorLabel"), "aria-multiline": "true", role: "textbox", class: "minutes-text" } },
  });
  useEffect(() => editor?.setEditable(editable), [editor, editable]);
  const [hits, setHits] = useState<{ text: string; quote: string }[]>([]);
  useEffect(() => {
    if (!editor) return;
    const check = () => setHits(personnummerIn(editor.state.doc));
    check();
    editor.on("update", check);
    return () => void editor.off("update", check);
  }, [editor]);
  return (
    <>
      {editable ? <Toolbar editor={editor} /> : <p className="muted">{t("minutes.readOnly")}</p>}
      <EditorContent editor={editor} />
      {/* Said as it is typed, not only when approving; the live region exists before it has anything to say. */}
      <div role="status" aria-live="polite">
        {hits.length ? (
          <div className="warning personnummer-warning">
            <p>{t("minutes.personnummerTyped", { n: hits.length })}</p>
            <QuotedHits quotes={hits.map((h) => h.quote)} />
          </div>
        ) : null}
      </div>
    </>
  );
}

function Toolbar({ editor }: { editor: Editor | null }) {
  const t = useT();
  if (!editor) return null;
  const chain = () => editor.chain().focus();
  const button = (label: string, active: boolean, run: () => void) => (
    <button type="button" className="small secondary" aria-pressed={active} onClick={run}>
      {label}
    </button>
  );
  const setLink = () => {
    const href = window.prompt(t("minutes.linkPrompt"), editor.getAttributes("link").href ?? "https://");
    if (href === null) return;
    if (href === "") chain().unsetLink().run();
    else if (/^https?:\/\//.test(href)) chain().setLink({ href }).run();
  };
  return (
    <div className="toolbar" role="toolbar" aria-label={t("minutes.toolbar")}>
      {button(t("minutes.heading"), editor.isActive("heading", { level: 2 }), () => chain().toggleHeading({ level: 2 }).run())}
      {button(t("minutes.bold"), editor.isActive("bold"), () => chain().toggleBold().run())}
      {button(t("minutes.italic"), editor.isActive("italic"), () => chain().toggleItalic().run())}
      {button(t("minutes.bulletList"), editor.isActive("bulletList"), () => chain().toggleBulletList().run())}
      {button(t("minutes.orderedList"), editor.isActive("orderedList"), () => chain().toggleOrderedList().run())}
      {button(t("minutes.link"), editor.isActive("link"), setLink)}
      {button(t("minutes.undo"), false, () => chain().undo().run())}
      {button(t("minutes.redo"), false, () => chain().redo().run())}
    </div>
  );
}
