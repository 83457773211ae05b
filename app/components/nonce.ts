import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the response being rendered (security-headers.server.ts),
 * for Remix's inline scripts. Only the server render has one; browsers hide it from the page.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
