import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as it arrived, with quoted-printable soft breaks and escapes undone. */
  raw: string;
}

/** What the server does with a message it has read: accept it (null) or answer with an SMTP error. */
export type Verdict = { code: number; message: string } | null | "hang";

/**
 * A real SMTP server on 127.0.0.1 (plain, with AUTH): every message it accepts is in `received`.
 * `decide` is asked after a message's data arrived; "hang" never answers (the sender dies first).
 */
export async function startSmtpServer(decide: (mail: ReceivedMail, n: number) => Verdict = () => null) {
  const received: ReceivedMail[] = [];
  let offered = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    disableReverseLookup: true,
    onAuth: (auth, _session, callback) =>
      auth.username === "samrad" && auth.password === "hemligt" ? callback(null, { user: "samrad" }) : callback(new Error("Invalid username or password")),
    onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: decodeQuotedPrintable(Buffer.concat(chunks).toString("utf8")),
        };
        const verdict = decide(mail, ++offered);
        if (verdict === "hang") return received.push(mail);
        if (verdict) return callback(Object.assign(new Error(verdict.message), { responseCode: verdict.code }));
        received.push(mail);
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    received,
    url: `smtp://samrad:hemligt@127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeQuotedPrintable(raw: string): string {
  return Buffer.from(
    raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1"
  ).toString("utf8");
}
