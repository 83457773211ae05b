import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/amendments.$id";

/** What the amendment page's loader hands its sections. */
export type AmendmentPage = ReturnType<typeof useLoaderData<typeof loader>>;
