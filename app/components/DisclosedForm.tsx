import { useFetcher } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldErrors } from "~/forms/parse";
import type { ActionData } from "~/services/result";
import { ActionMessages } from "./ActionMessages";

/**
 * A form behind a disclosure that posts to its concern's `action` with a fetcher: what it answered
 * is shown above, and it opens again when it came back with errors (or after every answer, with
 * `keepOpen`, for the next entry). `children` lays out the fields with the errors at them.
 */
export function DisclosedForm({ summary, action, keepOpen = false, children }: { summary: string; action: string; keepOpen?: boolean; children: (errors: FieldErrors) => ReactNode }) {
  const fetcher = useFetcher<ActionData>();
  return (
    <>
      <ActionMessages data={fetcher.data} />
      <details open={fetcher.data !== undefined && (keepOpen || !fetcher.data.done)}>
        <summary>{summary}</summary>
        <fetcher.Form method="post" action={action} className="stack">
          {children(fetcher.data?.fieldErrors ?? {})}
        </fetcher.Form>
      </details>
    </>
  );
}
