import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { sameOrigin, type Site } from "../../app/http/guards.server";

/** A request as Node hands it over: headers and the socket it came on (TLS or not). */
function request(headers: Record<string, string>, tls = false) {
  return { headers, socket: { encrypted: tls } } as unknown as IncomingMessage;
}

const direct: Site = { trustProxy: false };
const proxied: Site = { trustProxy: true };
const published: Site = { trustProxy: false, publicUrl: "https://samrad.kommun.se" };

describe("the Origin check", () => {
  it.each([
    // origin, other headers, TLS socket, site, same?
    ["http://127.0.0.1:3000", { host: "127.0.0.1:3000" }, false, direct, true],
    ["https://127.0.0.1:3000", { host: "127.0.0.1:3000" }, false, direct, false],
    ["http://127.0.0.1:3001", { host: "127.0.0.1:3000" }, false, direct, false],
    ["http://localhost:3000", { host: "127.0.0.1:3000" }, false, direct, false],
    ["https://samrad.test", { host: "samrad.test" }, true, direct, true],
    ["http://samrad.test", { host: "samrad.test" }, true, direct, false],
    ["https://samrad.test:443", { host: "samrad.test" }, true, direct, true],
    // behind a proxy: its X-Forwarded-* count only when it is trusted
    ["https://samrad.test", { host: "app:3000", "x-forwarded-host": "samrad.test", "x-forwarded-proto": "https" }, false, proxied, true],
    ["https://samrad.test", { host: "samrad.test", "x-forwarded-proto": "https, http" }, false, proxied, true],
    ["http://samrad.test", { host: "samrad.test", "x-forwarded-proto": "https" }, false, proxied, false],
    ["https://samrad.test", { host: "samrad.test", "x-forwarded-proto": "https" }, false, direct, false],
    // with PUBLIC_URL its origin is the site's, whatever the request says
    ["https://samrad.kommun.se", { host: "127.0.0.1:3000" }, false, published, true],
    ["http://samrad.kommun.se", { host: "samrad.kommun.se" }, false, published, false],
    ["https://evil.example", { host: "evil.example" }, true, published, false],
    // no or a malformed Origin
    [undefined, { host: "127.0.0.1:3000" }, false, direct, false],
    ["null", { host: "127.0.0.1:3000" }, false, direct, false],
  ] as const)("%s to %j, TLS %s, site %j → %s", (origin, headers, tls, site, same) => {
    expect(sameOrigin(request({ ...headers, ...(origin ? { origin } : {}) }, tls), site)).toBe(same);
  });
});
