import type { FormAt } from "./capabilities";
import type { client } from "./server";

/** Where each of a meeting's forms posts, by its intent; single-concern addresses take no intent. */
const MEETING_CONCERNS: Record<string, { concern: string; intent: boolean }> = {
  notice: { concern: "notice", intent: false },
  cancel: { concern: "cancel", intent: false },
  add: { concern: "agenda", intent: true },
  item: { concern: "agenda", intent: true },
  propose: { concern: "agenda", intent: true },
  rsvp: { concern: "rsvp", intent: false },
  presence: { concern: "attendance", intent: false },
  decision: { concern: "decisions", intent: false },
  forApproval: { concern: "justering", intent: true },
  approve: { concern: "justering", intent: true },
  correction: { concern: "corrections", intent: true },
  approveCorrection: { concern: "corrections", intent: true },
};

/** A meeting page's form for `intent`. */
export function meetingForm(meetingId: string, intent: string): FormAt {
  const { concern, intent: named } = MEETING_CONCERNS[intent];
  return { page: `/meetings/${meetingId}`, action: `/meetings/${meetingId}/${concern}`, intent: named ? intent : undefined };
}

/** Posts a meeting page's form as the browser would: `form.intent` picks the address. */
export function postMeetingForm(http: ReturnType<typeof client>, meetingId: string, form: Record<string, string | string[]>, cookie?: string) {
  const { intent, ...fields } = form;
  const at = meetingForm(meetingId, String(intent));
  return http.post(at.action, at.intent ? form : fields, { cookie });
}
