import { createMemoryHistory, createRouter, matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The server's route matching runs through patches/@remix-run+router+*.patch (decision 012):
// ranked branches kept per route array, compiled patterns shared, and a one-regex check that
// turns away branches early. These cases pin the answers the unpatched router gives.
const routes: AgnosticRouteObject[] = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "meeting", path: "meetings/:id" },
      { id: "meetings", path: "meetings" },
      { id: "minutes-md", path: "meetings/:id/minutes.md" },
      { id: "feed", path: "calendar/:token.ics" },
      { id: "exact-case", path: "Admin/Exact", caseSensitive: true },
      { id: "optional", path: "reports/:year?" },
      {
        id: "partnership-layout",
        path: "partnerships/:id",
        children: [
          { id: "partnership", index: true },
          { id: "history", path: "history" },
        ],
      },
      { id: "not-found", path: "*" },
    ],
  },
];

const leaf = (path: string) => {
  const matches = matchRoutes(routes, path);
  return matches ? { id: matches.at(-1)!.route.id, params: matches.at(-1)!.params } : null;
};

describe("route matching", () => {
  it.each([
    ["/", "home", {}],
    ["/meetings", "meetings", {}],
    ["/meetings/", "meetings", {}],
    ["/MEETINGS", "meetings", {}],
    ["/meetings/abc", "meeting", { id: "abc" }],
    ["/meetings/abc/", "meeting", { id: "abc" }],
    ["/meetings/abc/minutes.md", "minutes-md", { id: "abc" }],
    ["/meetings/abc/minutesXmd", "not-found", { "*": "meetings/abc/minutesXmd" }],
    ["/calendar/t0k3n.ics", "feed", { token: "t0k3n" }],
    ["/Admin/Exact", "exact-case", {}],
    ["/admin/exact", "not-found", { "*": "admin/exact" }],
    ["/reports", "optional", { year: undefined }],
    ["/reports/2026", "optional", { year: "2026" }],
    ["/partnerships/p1", "partnership", { id: "p1" }],
    ["/partnerships/p1/history", "history", { id: "p1" }],
    ["/meetings//abc", "not-found", { "*": "meetings//abc" }],
    ["/nowhere/at/all", "not-found", { "*": "nowhere/at/all" }],
  ])("%s → %s", (path, id, params) => {
    expect(leaf(path)).toEqual({ id, params });
    expect(leaf(path)).toEqual({ id, params }); // again, from the kept branches
  });

  it("sees routes a client router adds by lazy discovery", () => {
    const router = createRouter({ routes: [{ id: "root", path: "/", children: [{ id: "a", path: "a" }] }], history: createMemoryHistory() });
    expect(matchRoutes(router.routes, "/b")).toBeNull();
    router.patchRoutes("root", [{ id: "b", path: "b" }]);
    expect(matchRoutes(router.routes, "/b")?.at(-1)?.route.id).toBe("b");
    router.dispose();
  });
});
