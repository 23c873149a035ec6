import { GeneralErrorBoundary } from "../components/error-boundary";
import { notFound } from "../utils/auth.server";

/** Any address no route claims: the friendly 404 page. */
export function loader() {
  throw notFound();
}

export function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
