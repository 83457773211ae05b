// Remix's future flags, one list for the app's build and the benchmark's floor app, so the floor
// is measured with the same framework behaviour as the pages it is compared with.
export const remixFuture = {
  v3_fetcherPersist: true,
  v3_relativeSplatPath: true,
  v3_throwAbortReason: true,
  v3_singleFetch: true,
  v3_lazyRouteDiscovery: true,
  v3_routeConfig: true,
} as const;
