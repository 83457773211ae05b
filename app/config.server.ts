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
  PUBLIC_URL: z.string().url().optional(),
  SEED_DEMO: flag,
  TRUST_PROXY: flag,
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  publicUrl?: string;
  /** production: Secure cookies, no development pages, no demo data unless asked for. */
  isProduction: boolean;
  /** production and test serve the built app; development runs Vite with HMR. */
  useBuild: boolean;
  seedDemo: boolean;
  trustProxy: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = schema.parse(env);
  const isProduction = e.NODE_ENV === "production";
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    publicUrl: e.PUBLIC_URL,
    isProduction,
    useBuild: isProduction || e.NODE_ENV === "test",
    seedDemo: !isProduction || e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
  };
}
