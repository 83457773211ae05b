import { parse, serialize, type CookieSerializeOptions } from "cookie";

export const SESSION_COOKIE = "samrad_session";
export const LANG_COOKIE = "samrad_lang";

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  return header ? parse(header)[name] : undefined;
}

const base = (secure: boolean): CookieSerializeOptions => ({ path: "/", sameSite: "lax", secure });

export function sessionCookie(token: string, expires: Date, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, { ...base(secure), httpOnly: true, expires });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, "", { ...base(secure), httpOnly: true, maxAge: 0 });
}

export function langCookie(locale: string, secure: boolean): string {
  return serialize(LANG_COOKIE, locale, { ...base(secure), maxAge: 365 * 24 * 3600 });
}
