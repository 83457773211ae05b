import { availableParallelism } from "node:os";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  PUBLIC_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  SEED_DEMO: flag,
  TRUST_PROXY: flag,
  SMTP_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  JOBS: z.enum(["on", "off", ""]).optional(),
  WEB_CONCURRENCY: z.string().optional(),
  /** For tests of the scheduler: how often the reminders job runs (a cron expression). */
  REMINDERS_CRON: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  /** The site's origin (no trailing slash) as browsers and e-mailed links reach it. */
  publicUrl?: string;
  /** production (the default): Secure cookies, demo data only into an empty embedded database. */
  isProduction: boolean;
  /** production and test serve the built app; development (NODE_ENV=development) runs Vite with HMR. */
  useBuild: boolean;
  seedDemo: boolean;
  trustProxy: boolean;
  /** Redis for relaying live minutes between instances; without it PostgreSQL LISTEN/NOTIFY relays them. */
  redisUrl?: string;
  /** Where mail is delivered (smtp:// with STARTTLS, smtps:// with TLS); without it mail stays in the outbox. */
  smtpUrl?: string;
  /** The From of every mail; by default Samråd <noreply@…> at the host of PUBLIC_URL. */
  mailFrom: string;
  /** The job runner (mail delivery, reminders, digest): JOBS=on|off, on unless NODE_ENV=test. */
  jobs: boolean;
  remindersCron: string;
  /** Worker processes serving one port (WEB_CONCURRENCY): the CPUs in production, 1 in development and tests. */
  workers: number;
}

// Each worker keeps its own database pool: far beyond the cores it only multiplies connections.
const MAX_WORKERS = 64;

/** A setting the server cannot start with; its message tells the operator what to change. */
export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = schema.parse(env);
  const isProduction = e.NODE_ENV !== "development" && e.NODE_ENV !== "test";
  const loopback = isLoopback(e.HOST);
  if (!isProduction && !loopback) {
    throw new ConfigError(
      `HOST=${e.HOST}: utvecklings- och testläget lyssnar bara på loopback (127.0.0.1, ::1, localhost). ` +
        "Kör produktionsläget (npm start) för att lyssna på andra adresser.",
    );
  }
  if (isProduction && !loopback && !e.PUBLIC_URL) {
    throw new ConfigError(
      `HOST=${e.HOST} kräver PUBLIC_URL, adressen användarna når Samråd på (t.ex. https://samrad.kommun.se): ` +
        "länkarna i e-post byggs av den.",
    );
  }
  if (e.SMTP_URL && !/^smtps?:\/\/[^/\s]+/.test(e.SMTP_URL)) {
    throw new ConfigError("SMTP_URL: ange smtp://användare:lösenord@värd:587 (STARTTLS) eller smtps://användare:lösenord@värd:465 (TLS).");
  }
  if (e.REDIS_URL && !/^rediss?:\/\/[^\s]+/.test(e.REDIS_URL)) {
    throw new ConfigError("REDIS_URL: ange redis://värd:6379 (eller rediss:// med TLS), t.ex. redis://:lösenord@redis.intern:6379/0.");
  }
  const workers = e.WEB_CONCURRENCY ? Number(e.WEB_CONCURRENCY) : isProduction ? availableParallelism() : 1;
  if (!/^\d*$/.test(e.WEB_CONCURRENCY ?? "") || workers < 1 || workers > MAX_WORKERS) {
    throw new ConfigError(`WEB_CONCURRENCY=${e.WEB_CONCURRENCY}: ange antalet processer som ett heltal från 1 till ${MAX_WORKERS}.`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    publicUrl: e.PUBLIC_URL && publicOrigin(e.PUBLIC_URL),
    isProduction,
    useBuild: e.NODE_ENV !== "development",
    // seedDemoIfEmpty only ever seeds a database without users.
    seedDemo: !isProduction || e.SEED_DEMO || !e.DATABASE_URL,
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL || undefined,
    redisUrl: e.REDIS_URL || undefined,
    mailFrom: e.MAIL_FROM || `Samråd <noreply@${e.PUBLIC_URL ? new URL(e.PUBLIC_URL).hostname : "localhost"}>`,
    // Tests start servers by the dozen: there the runner is on only where a test asks for it.
    jobs: e.JOBS === "on" || (e.JOBS !== "off" && e.NODE_ENV !== "test"),
    remindersCron: e.REMINDERS_CRON || "*/15 * * * *",
    workers,
  };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** http://host:port, with an IPv6 address in brackets. */
export function httpUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function publicOrigin(url: string): string {
  const u = new URL(url);
  if (!/^https?:$/.test(u.protocol) || u.pathname !== "/" || u.search || u.hash) {
    throw new ConfigError(`PUBLIC_URL=${url}: ange bara schema, värd och eventuell port, t.ex. https://samrad.kommun.se`);
  }
  return u.origin;
}
