import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/meetings.$id";

/** What the meeting page's loader hands its sections. */
export type MeetingPage = ReturnType<typeof useLoaderData<typeof loader>>;
