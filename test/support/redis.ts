import { createConnection } from "node:net";

/** The Redis the relay tests use; CI has one at 127.0.0.1:6379. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Whether Redis answers a PING at REDIS_URL within a second. */
export const redisAnswers = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(REDIS_URL);
  const socket = createConnection({ host: hostname, port: Number(port || 6379), timeout: 1000 });
  socket.on("connect", () => socket.write("PING\r\n"));
  socket.on("data", (d) => (resolve(d.toString().startsWith("+PONG")), socket.destroy()));
  socket.on("error", () => resolve(false));
  socket.on("timeout", () => (resolve(false), socket.destroy()));
});
if (!redisAnswers)
  console.warn(`Redis does not answer at ${REDIS_URL}: the tests of the Redis relay are skipped (set TEST_REDIS_URL to run them).`);

/** The two relays between instances, each as the tests run it (Redis's skipped when it does not answer). */
export const RELAYS = [
  { relay: "PostgreSQL LISTEN/NOTIFY", env: {} as Record<string, string>, skip: false },
  { relay: "Redis pub/sub", env: { REDIS_URL }, skip: !redisAnswers },
];
