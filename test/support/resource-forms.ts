import type { FormAt } from "./capabilities";
import type { client } from "./server";

/**
 * Where each form of a meeting's, a decision's and an amendment's page posts, by its intent: the concern's address
 * under the resource, and whether that address takes several intents (then the form names its own).
 */
const CONCERNS = {
  meetings: {
    notice: ["notice", false],
    cancel: ["cancel", false],
    add: ["agenda", true],
    item: ["agenda", true],
    propose: ["agenda", true],
    rsvp: ["rsvp", false],
    presence: ["attendance", false],
    decision: ["decisions", false],
    room: ["room", false],
    forApproval: ["justering", true],
    approve: ["justering", true],
    correction: ["corrections", true],
    approveCorrection: ["corrections", true],
  },
  decisions: {
    position: ["position", false],
    close: ["closing", true],
    record: ["closing", true],
    review: ["review", false],
    task: ["tasks", true],
    taskDone: ["tasks", true],
  },
  amendments: {
    sign: ["signatures", false],
    edit: ["text", false],
    apply: ["period-rule", false],
  },
} satisfies Record<string, Record<string, [concern: string, named: boolean]>>;

type Resource = keyof typeof CONCERNS;

/** The form for `intent` on the page of a meeting, a decision or an amendment. */
export function formOf(resource: Resource, id: string, intent: string): FormAt {
  const [concern, named] = (CONCERNS[resource] as Record<string, [string, boolean]>)[intent];
  return { page: `/${resource}/${id}`, action: `/${resource}/${id}/${concern}`, intent: named ? intent : undefined };
}

/** Posts such a form as the browser would: `form.intent` picks the address. */
export function postForm(http: ReturnType<typeof client>, resource: Resource, id: string, form: Record<string, string | string[]>, cookie?: string) {
  const { intent, ...fields } = form;
  const at = formOf(resource, id, String(intent));
  return http.post(at.action, at.intent ? form : fields, { cookie });
}

export const meetingForm = (meetingId: string, intent: string) => formOf("meetings", meetingId, intent);

export const postMeetingForm = (http: ReturnType<typeof client>, meetingId: string, form: Record<string, string | string[]>, cookie?: string) =>
  postForm(http, "meetings", meetingId, form, cookie);

export const postDecisionForm = (http: ReturnType<typeof client>, decisionId: string, form: Record<string, string | string[]>, cookie?: string) =>
  postForm(http, "decisions", decisionId, form, cookie);
