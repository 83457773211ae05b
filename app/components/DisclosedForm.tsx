import { useFetcher } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldErrors } from "~/forms/parse";
import type { ActionData } from "~/services/result";
import { ActionMessages } from "./ActionMessages";

/**
 * A form behind a disclosure that posts to its concern's `action` with a fetcher: what it answered
 * is shown above, and it opens again when it came back with errors (or after every answer, with
 * `keepOpen`, for the next entry). `children` lays out the fields with the errors at them. With
 * `fetcherKey` the answer is shown by whoever reads that fetcher instead: for a form that goes away
 * once it has done its work.
 */
export function DisclosedForm({
  summary,
  action,
  keepOpen = false,
  fetcherKey,
  children,
}: {
  summary: string;
  action: string;
  keepOpen?: boolean;
  fetcherKey?: string;
  children: (errors: FieldErrors) => ReactNode;
}) {
  const fetcher = useFetcher<ActionData>({ key: fetcherKey });
  return (
    <>
      {fetcherKey ? null : <ActionMessages data={fetcher.data} />}
      <details open={fetcher.data !== undefined && (keepOpen || !fetcher.data.done)}>
        <summary>{summary}</summary>
        <fetcher.Form method="post" action={action} className="stack">
          {children(fetcher.data?.fieldErrors ?? {})}
        </fetcher.Form>
      </details>
    </>
  );
}
