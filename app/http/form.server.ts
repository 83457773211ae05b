/**
 * A body that is not a form, answered with 400: a page shows its error boundary; a concern's route
 * (read by a fetcher) gets the answer its section shows above the form, not an opaque error.
 */
export const unreadableForm = () => Response.json({ done: null, fieldErrors: { refused: "form.badRequest" } }, { status: 400 });

/** Reads a submitted form; a body that is not a form is the user's problem, answered with 400, not a crash. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw unreadableForm();
  }
}
