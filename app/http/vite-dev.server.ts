import type { NextFunction, Request, Response } from "express";
import type { Server } from "node:http";
import path from "node:path";
import type { ViteDevServer } from "vite";

/**
 * Development only (npm run dev): Vite with HMR. It never reads the data directory, server-only
 * modules, package manifests or secrets for the browser; server-side rendering loads what it
 * needs without these checks.
 */
export function startViteDev(server: Server): Promise<ViteDevServer> {
  return import("vite").then(({ createServer }) =>
    createServer({
      server: {
        middlewareMode: true,
        hmr: { server },
        fs: {
          strict: true,
          deny: [".env", ".env.*", "*.{crt,pem}", "**/.git/**", "**/.data/**", "**/*.server.*", "package*.json", ".package-lock.json"],
        },
      },
    }),
  );
}

/** Vite's own modules (its client, React refresh, virtual modules); /@fs/ names a file and is checked as one. */
const VITE_OWN = /^\/@(?:vite\/|id\/|react-refresh)/;

/**
 * Hands Vite only requests for browser modules: app/ (less *.server.*), the dependencies, Vite's
 * own, and a project file some browser module imports (the client module graph knows it, e.g.
 * realtime/protocol.ts). Everything else goes on to Remix, a page or its 404; a file's raw text
 * (`?raw`) never goes to Vite.
 */
export function browserModulesOnly(vite: ViteDevServer) {
  const root = vite.config.root;
  const inside = (file: string, dir: string) => file.startsWith(path.join(root, dir) + path.sep);
  const importedByBrowser = (file: string) =>
    [...(vite.environments.client.moduleGraph.getModulesByFile(file) ?? [])].some((m) => m.importers.size > 0);
  const fileOf = (urlPath: string) => {
    try {
      return path.resolve(root, decodeURIComponent(urlPath.startsWith("/@fs/") ? urlPath.slice(4) : "." + urlPath));
    } catch {
      return undefined; // malformed escapes
    }
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (/[?&]raw(?:[=&]|$)/.test(req.url.slice(req.path.length))) return next();
    if (VITE_OWN.test(req.path)) return vite.middlewares(req, res, next);
    const file = fileOf(req.path);
    if (!file || file.includes(".server.")) return next();
    if (inside(file, "app") || inside(file, "node_modules") || importedByBrowser(file)) return vite.middlewares(req, res, next);
    next();
  };
}
