import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/decisions.$id";

/** What the decision page's loader hands its sections. */
export type DecisionPage = ReturnType<typeof useLoaderData<typeof loader>>;
