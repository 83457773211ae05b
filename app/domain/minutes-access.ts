import type { MemberRole } from "./representation";

export type MinutesStatus = "draft" | "for_approval" | "final";

export interface MinutesAccessInput {
  status: MinutesStatus;
  isAdmin: boolean;
  /** The user's role in the meeting's group; null when not a member. */
  role: MemberRole | null;
  /** Member of the party holding the chair (or the documentation duty) and not an observer. */
  isChair: boolean;
  isAdjuster: boolean;
}

/**
 * Who may read and who may write a meeting's minutes. Drafts: every member with a say
 * (representatives and deputies) writes, observers read. For approval: only the chair and the
 * adjusters write. Final minutes are never edited again (a correction is a new note).
 */
export function minutesAccess(a: MinutesAccessInput): "write" | "read" | null {
  if (!a.isAdmin && a.role === null) return null;
  switch (a.status) {
    case "final":
      return "read";
    case "for_approval":
      return a.isAdmin || a.isChair || a.isAdjuster ? "write" : "read";
    case "draft":
      return a.isAdmin || a.role === "representative" || a.role === "deputy" ? "write" : "read";
  }
}
