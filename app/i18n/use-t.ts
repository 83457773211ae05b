import { useRouteLoaderData } from "@remix-run/react";
import type { Locale } from "../../db/schema";
import type { loader as rootLoader } from "../root";
import { translator } from "./index";

export function useLocale(): Locale {
  return useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "sv";
}

export function useT() {
  return translator(useLocale());
}
