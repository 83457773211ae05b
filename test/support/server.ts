import { readConfig } from "../../app/config.server";
import { startSamrad, type RunningServer } from "../../app/http/server.server";

/** The real server, in this process, serving the built app against `databaseUrl`, with demo data. */
export function startTestServer(databaseUrl: string): Promise<RunningServer> {
  return startSamrad({ ...readConfig({ NODE_ENV: "test" }), databaseUrl, port: 0 });
}

/** A client that behaves like a same-origin browser form post, with manual redirects. */
export function client(baseUrl: string) {
  const origin = new URL(baseUrl).origin;
  return {
    get: (path: string, cookie?: string) =>
      fetch(baseUrl + path, { redirect: "manual", headers: cookie ? { cookie } : {} }),
    post: (path: string, form: Record<string, string>, init: { cookie?: string; origin?: string | null } = {}) => {
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (init.origin !== null) headers.origin = init.origin ?? origin;
      if (init.cookie) headers.cookie = init.cookie;
      return fetch(baseUrl + path, { method: "POST", redirect: "manual", headers, body: new URLSearchParams(form) });
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
