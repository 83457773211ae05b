import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema";

type Executor = Pick<Db, "insert">;

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subject?: string;
  details?: Record<string, unknown>;
}

/** Appends to the audit trail; pass the transaction so the entry commits with the change it describes. */
export async function audit(db: Executor, entry: AuditEntry) {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}
