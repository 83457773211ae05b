import { notFound } from "~/auth/guards.server";

export function loader() {
  throw notFound();
}

export function action() {
  throw notFound();
}

/** Never rendered: the loader always throws, and the root ErrorBoundary shows the Swedish 404 page. */
export default function NotFound() {
  return null;
}
