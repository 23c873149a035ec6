import type { HeadersFunction, LinksFunction, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useParams, useRouteLoaderData, type ClientActionFunctionArgs, type ShouldRevalidateFunction } from "@remix-run/react";
import { activeSync } from "../components/interview/answer-sync";
import { RespondForm, respondSyncKey, type RespondFormActionData } from "../components/survey/respond-form";
import { ClosedNotice, RespondErrorBoundary, RespondShell, ScheduledNotice, SentCopy } from "../components/survey/respond-page";
import { FormError } from "../components/ui/field";
import { FlashMessage } from "../components/ui/flash";
import { isSaveResponse, type SaveResponse } from "../domain/answers";
import type { ChromeHandle, loader as rootLoader } from "../root";
import questionStyles from "../styles/question-text.css";
import surveyStyles from "../styles/survey.css";
import { RESPOND_HEADERS, respondAction, respondLoader } from "./s.$token.server";

/** A respondent has no account: the page draws its own frame, without Charter's navigation. */
export const handle: ChromeHandle = { chrome: "none" };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: questionStyles },
  { rel: "stylesheet", href: surveyStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "survey" in data ? `${data.survey.title} · Charter` : "Survey · Charter" },
  { name: "robots", content: "noindex, nofollow" },
  // The header says the same; this holds even where a proxy or the server adds its own.
  { name: "referrer", content: "same-origin" },
];

/** The token in the address is the only key: never cached, never sent on to other sites, never indexed. */
export const headers: HeadersFunction = () => RESPOND_HEADERS;

export const loader = respondLoader;
export const action = respondAction;

/**
 * Autosaves go through here: a network failure becomes an "offline" answer the queue retries, and
 * the queue hears every result. Sending the answers while offline says so in the page.
 */
export async function clientAction({ request, params, serverAction }: ClientActionFunctionArgs) {
  if (!/\bapplication\/json\b/.test(request.headers.get("Content-Type") ?? "")) {
    try {
      return await serverAction<typeof action>();
    } catch (error) {
      if (error instanceof Response) throw error;
      return {
        formError: "Your answers could not be sent: there seems to be no connection. They are kept in this browser: send them again once you are back online.",
        errors: {},
        conflicts: {},
        values: {},
        revisions: {},
      } satisfies RespondFormActionData;
    }
  }
  const { requestId } = (await request.clone().json()) as { requestId?: string };
  let response: SaveResponse;
  try {
    const data = await serverAction<typeof action>();
    response = isSaveResponse(data) ? data : { kind: "answers", results: [], changes: [], cursor: 0, error: "offline" };
  } catch {
    response = { kind: "answers", results: [], changes: [], cursor: 0, error: "offline" };
  }
  // A request cancelled by the next one (the queue gave up waiting) says nothing about the network.
  if (!request.signal.aborted) activeSync(respondSyncKey(params.token ?? ""))?.receive(response, requestId);
  return response;
}

/** An autosave reloads nothing; nor does moving between sections, which works offline from what the page holds. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  if (isSaveResponse(actionResult)) return false;
  if (!formMethod && currentUrl.pathname === nextUrl.pathname) return false;
  return defaultShouldRevalidate;
};

export default function RespondPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as RespondFormActionData | undefined;
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const { token = "" } = useParams();
  return (
    <RespondShell workspaceName={root?.workspaceName ?? "Charter"} personal={data.state !== "gone" && data.state !== "closed"}>
      {data.state === "gone" || data.state === "closed" ? null : <FlashMessage flash={root?.flash ?? null} />}
      {data.state === "sent" || data.state === "scheduled" ? <FormError message={actionData?.formError} /> : null}
      {data.state === "gone" ? (
        <ClosedNotice ownerName={null} />
      ) : data.state === "closed" ? (
        <ClosedNotice ownerName={data.ownerName} />
      ) : data.state === "scheduled" ? (
        <ScheduledNotice survey={data.survey} respondent={data.respondent} />
      ) : data.state === "sent" ? (
        <SentCopy survey={data.survey} respondent={data.respondent} content={data.content} answers={data.answers as SaveResponse["changes"]} sentAt={data.sentAt} draftKey={data.draftKey} />
      ) : (
        <RespondForm key={data.draftKey} data={{ ...data, answers: data.answers as SaveResponse["changes"] }} actionData={actionData} token={token} />
      )}
    </RespondShell>
  );
}

export function ErrorBoundary() {
  return <RespondErrorBoundary />;
}
