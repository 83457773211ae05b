import { createServer } from "node:net";
import { ConfigError } from "../config.server";

/**
 * Fails with a ConfigError naming `setting` when nothing may listen on host:port: checked before
 * Samråd starts its database, so a second start on a taken port neither leaves a PostgreSQL running
 * nor ends in a stack trace. Port 0 (any free port) is always free.
 */
export async function assertPortFree(host: string, port: number, setting: "PORT" | "EMBEDDED_PG_PORT"): Promise<void> {
  if (port === 0) return;
  const problem = await new Promise<string | undefined>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") resolve("används redan");
      else if (error.code === "EACCES") resolve("får inte användas av den här användaren (portar under 1024 kräver särskild behörighet)");
      else reject(error);
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
  if (!problem) return;
  const instead = `${setting}=${port + 1}`;
  throw new ConfigError(
    `${setting}=${port}: porten ${problem} på ${host}. Stoppa det som lyssnar där eller välj en annan port, t.ex. ${instead}.`,
  );
}
