import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Button } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { formatUtc } from "../domain/format";
import { createCalendarFeed, hasCalendarFeed, revokeCalendarFeed } from "../models/interview.server";
import { requireUser } from "../utils/auth.server";
import { appOrigin } from "../utils/calendar.server";
import { badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Calendar feed · Charter" }];

const schema = z.object({ intent: z.enum(["create", "revoke"], { error: "Unknown action" }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const feed = await hasCalendarFeed(user.id);
  return json({ since: feed ? feed.createdAt : null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.errors.intent);
  const actor = actorFor(user, requestMeta(request, context));
  if (parsed.data.intent === "revoke") {
    await revokeCalendarFeed({ userId: user.id, actor });
    return json({ url: null, revoked: true });
  }
  const token = await createCalendarFeed({ userId: user.id, actor });
  return json({ url: `${appOrigin(request)}/calendar/${token}`, revoked: false });
}

export default function CalendarFeed() {
  const { since } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const url = data && "url" in data ? data.url : null;
  return (
    <>
      <PageHeader
        title="Your calendar feed"
        description="Subscribe to your interviews from Outlook, Google Calendar or Apple Calendar. The address is a secret: anyone who has it sees your interviews."
      />
      <Panel narrow>
        <FormError message={data && "formError" in data ? data.formError : undefined} />
        {url ? (
          <div className="stack">
            <p>Copy this address into your calendar app (“subscribe to a calendar from the internet”). It is shown only now.</p>
            <p className="feed-url">{url}</p>
          </div>
        ) : since && !(data && "revoked" in data && data.revoked) ? (
          <p>Your feed has been active since {formatUtc(since)}. If you lost its address, make a new one: the old one stops working.</p>
        ) : (
          <p>You have no calendar feed.</p>
        )}
        <div className="form-actions">
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <Button type="submit">{since ? "Make a new address" : "Make my feed address"}</Button>
          </Form>
          {since ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <Button type="submit" variant="secondary">
                Turn the feed off
              </Button>
            </Form>
          ) : null}
        </div>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
