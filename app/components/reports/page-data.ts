import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/partnerships.$id.reports";

/** What the reports page's loader hands its sections. */
export type ReportsPage = ReturnType<typeof useLoaderData<typeof loader>>;
