import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./components/nonce";

const ABORT_DELAY = 5_000;

/**
 * Renders the whole document before answering, as one buffer with a Content-Length.
 * Every loader has finished before rendering starts, so streaming the shell early gains
 * nothing here, while passing React's many small chunks on one by one cost a write (and
 * a system call) each.
 */
export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext, { cspNonce }: AppLoadContext) {
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(timer);
        const body = Buffer.concat(chunks);
        headers.set("Content-Type", "text/html; charset=utf-8");
        headers.set("Content-Length", String(body.byteLength));
        resolve(new Response(body, { status, headers }));
        done();
      },
    });
    const app = (
      <NonceContext.Provider value={cspNonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={cspNonce} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce: cspNonce,
      onAllReady: () => pipe(sink),
      onShellError: (error) => {
        clearTimeout(timer);
        reject(error);
      },
      onError: (error) => {
        status = 500;
        console.error(error);
      },
    });
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}
