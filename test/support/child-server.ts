import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./ports";

export interface ChildServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/**
 * Runs `server.ts` exactly as `npm start` would, but in test mode, against `databaseUrl`; with
 * PINNED_NOW in `env`, its clock starts at that instant (see pinned-clock.ts).
 */
export async function spawnServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const port = await freePort();
  const clock = env.PINNED_NOW ? ["--import", "./test/support/pinned-clock.ts"] : [];
  const child = spawn(process.execPath, ["--import", "tsx", ...clock, "server.ts"], {
    env: { ...process.env, NODE_ENV: "test", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not answer /healthz within 30 s:\n${output}`);
    // The start-up banner comes last, so the whole start-up output is there to inspect.
    const ok = output.includes("Samråd är igång") && (await fetch(url + "/healthz").then((r) => r.ok, () => false));
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
