import { data } from "@remix-run/node";

/** Reads a submitted form; a body that is not a form is the user's problem, answered with 400, not a crash. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ formError: "form.badRequest" as const }, { status: 400 });
  }
}
