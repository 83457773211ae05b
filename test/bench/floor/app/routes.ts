import { index, route, type RouteConfig } from "@remix-run/route-config";

export default [index("routes/items.tsx"), route("rounds/:n", "routes/rounds.tsx")] satisfies RouteConfig;
