import { request, type IncomingHttpHeaders } from "node:http";
import { readConfig } from "../../app/config.server";
import { startSamrad, type RunningServer } from "../../app/http/server.server";

/** The real server, in this process, serving the built app against `databaseUrl`, with demo data. */
export function startTestServer(databaseUrl: string, hooks: { onQuery?: (query: string) => void } = {}, env: Record<string, string> = {}): Promise<RunningServer> {
  return startSamrad({ ...readConfig({ NODE_ENV: "test", ...env }), databaseUrl, port: 0 }, hooks);
}

/** A client that behaves like a same-origin browser form post, with manual redirects. */
export function client(baseUrl: string) {
  const origin = new URL(baseUrl).origin;
  return {
    get: (path: string, cookie?: string) =>
      fetch(baseUrl + path, { redirect: "manual", headers: cookie ? { cookie } : {} }),
    post: (path: string, form: Record<string, string | string[]>, init: { cookie?: string; origin?: string | null } = {}) => {
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (init.origin !== null) headers.origin = init.origin ?? origin;
      if (init.cookie) headers.cookie = init.cookie;
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
      return fetch(baseUrl + path, { method: "POST", redirect: "manual", headers, body });
    },
    /** Logs in and returns the Cookie header value. */
    login: async (email: string, password = "samrad-demo") => {
      const res = await fetch(baseUrl + "/login", {
        method: "POST",
        redirect: "manual",
        headers: { origin, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password }),
      });
      const cookie = sessionCookieFrom(res);
      if (!cookie) throw new Error(`login failed for ${email}: ${res.status}`);
      return cookie;
    },
  };
}

/** "samrad_session=…" from a response's Set-Cookie, for the next request's Cookie header. */
export function sessionCookieFrom(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("samrad_session=") && c !== "samrad_session=");
}

/** A same-origin form post from another loopback address (e.g. 127.0.0.2): the server sees it as that client's IP address. */
export function postFromAddress(baseUrl: string, localAddress: string, path: string, form: Record<string, string>) {
  const body = new URLSearchParams(form).toString();
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = request(
      baseUrl + path,
      {
        method: "POST",
        localAddress,
        headers: { origin: new URL(baseUrl).origin, "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject).end(body);
  });
}
