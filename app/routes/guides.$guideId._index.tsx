import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { Button, ButtonLink } from "../components/ui/button";
import { Field, FormError, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { Table } from "../components/ui/table";
import { formatUtc } from "../domain/format";
import { guideActionSchema, guideDetailsSchema } from "../domain/guide-edit";
import { can } from "../domain/roles";
import { discardDraft, getGuide, publishDraft, setGuideArchived, startDraft, updateGuideDetails } from "../models/guide.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.guide.title ?? "Guide"} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "guides:read" });
  const found = await getGuide(requireIdParam(params.guideId));
  if (!found) throw notFound("That guide does not exist.");
  return json({ ...found, canManage: can(user.role, "guides:manage") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "guides:manage" });
  const guideId = requireIdParam(params.guideId);
  const parsed = await parseForm(request, guideActionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.errors.intent, parsed.values);
  const actor = actorFor(user, requestMeta(request, context));
  const here = `/guides/${guideId}`;
  try {
    switch (parsed.data.intent) {
      case "update": {
        const { intent: _intent, ...input } = parsed.data;
        await updateGuideDetails({ id: guideId, input, actor });
        return redirectWithFlash(here, { kind: "success", message: "Changes saved." });
      }
      case "start-draft": {
        await startDraft({ guideId, actor });
        return redirect(`${here}/edit`);
      }
      case "publish": {
        const number = await publishDraft({ guideId, actor });
        return redirectWithFlash(here, { kind: "success", message: `Version ${number} is published. It can be used for interviews and will not change.` });
      }
      case "discard-draft":
        await discardDraft({ guideId, actor });
        return redirectWithFlash(here, { kind: "success", message: "Draft discarded." });
      case "archive":
      case "restore":
        await setGuideArchived({ id: guideId, archived: parsed.data.intent === "archive", actor });
        return redirectWithFlash(here, {
          kind: "success",
          message: parsed.data.intent === "archive" ? "Archived: no longer offered for new interviews." : "Restored.",
        });
    }
  } catch (error) {
    return appErrorResponse(error, parsed.values);
  }
}

export default function GuideOverview() {
  const { guide, versions, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const draft = versions.find((v) => v.status === "draft");
  const { onSubmit, register, errorFor } = useRemixForm(guideDetailsSchema, {
    server: actionData,
    defaultValues: { title: guide.title, description: guide.description },
  });
  return (
    <>
      <PageHeader
        title={guide.title}
        description={guide.archivedAt ? <Badge>Archived</Badge> : guide.description || undefined}
        breadcrumbs={[{ to: "/guides", label: "Interview guides" }]}
        actions={
          canManage && !guide.archivedAt ? (
            draft ? (
              <ButtonLink to={`/guides/${guide.id}/edit`}>Edit draft (version {draft.number})</ButtonLink>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="start-draft" />
                <Button type="submit">Edit: start version {(versions[0]?.number ?? 0) + 1}</Button>
              </Form>
            )
          ) : undefined
        }
      />
      <div className="stack-lg">
        <FormError message={actionData?.formError} />
        <Table caption="Versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Questions</th>
              <th scope="col">Published</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>Version {v.number}</td>
                <td>{v.status === "published" ? <Badge tone="success">Published</Badge> : <Badge tone="warning">Draft</Badge>}</td>
                <td>{v.questions}</td>
                <td>{v.publishedAt ? formatUtc(v.publishedAt) : <span className="muted">—</span>}</td>
                <td>
                  <div className="row">
                    <Link to={`/guides/${guide.id}/v/${v.number}`}>Preview</Link>
                    <a href={`/guides/${guide.id}/v/${v.number}/export`} download>
                      Export<span className="visually-hidden"> version {v.number}</span>
                    </a>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
        {canManage && draft ? (
          <Panel title={`Version ${draft.number} is a draft`} narrow>
            <p className="small">Publishing freezes it: interviews can then use it, and it never changes. Later edits start a new version.</p>
            <div className="row">
              <Form method="post">
                <input type="hidden" name="intent" value="publish" />
                <Button type="submit">Publish version {draft.number}</Button>
              </Form>
              {draft.number > 1 ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="discard-draft" />
                  <Button type="submit" variant="ghost">
                    Discard this draft
                  </Button>
                </Form>
              ) : null}
            </div>
          </Panel>
        ) : null}
        {canManage ? (
          <Panel title="Details" narrow>
            <RemixForm method="post" onSubmit={onSubmit}>
              <input type="hidden" name="intent" value="update" />
              <Field label="Title" error={errorFor("title")} {...register("title")} />
              <TextareaField label="Description" optional error={errorFor("description")} {...register("description")} />
              <FormActions submit="Save details" />
            </RemixForm>
            <Form method="post" className="editor-tools">
              <input type="hidden" name="intent" value={guide.archivedAt ? "restore" : "archive"} />
              <Button type="submit" variant="secondary" size="sm">
                {guide.archivedAt ? "Restore this guide" : "Archive this guide"}
              </Button>
            </Form>
          </Panel>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
