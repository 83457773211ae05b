import type { z } from "zod";

/**
 * An optional search parameter (absent or empty: undefined). A value that is there but not
 * valid is the caller's mistake: 400, never a silent fallback or a crash further down. The body
 * is JSON, so the API answers it as it is and pages show it through the root ErrorBoundary.
 */
export function queryParam<T>(request: Request, name: string, schema: z.ZodType<T, string>): T | undefined {
  const raw = new URL(request.url).searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw Response.json({ error: `${name} must be ${parsed.error.issues[0].message}`, param: name }, { status: 400 });
}
