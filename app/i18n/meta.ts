import type { MetaFunction } from "@remix-run/node";
import { isLocale, translator, type MessageKey } from "./index";

/** A route's document title, in the visitor's language (WCAG 2.4.2). */
export function titled(key: MessageKey): MetaFunction {
  return ({ matches }) => {
    const locale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
    return [{ title: `${translator(isLocale(locale) ? locale : "sv")(key)} – Samråd` }];
  };
}
