import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SectionEditor, type EditorError } from "../components/guide/editor";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Button, ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { Field, FormError, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { allQuestions, publishProblems } from "../domain/guide";
import { sectionFormSchema } from "../domain/guide-edit";
import { getDraft, getGuide } from "../models/guide.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { editorAction } from "./guides.$guideId.edit.server";
import { redirect } from "@remix-run/node";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit: ${data?.title ?? "guide"} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "guides:manage" });
  const guideId = requireIdParam(params.guideId);
  const [found, draft] = await Promise.all([getGuide(guideId), getDraft(guideId)]);
  if (!found) throw notFound("That guide does not exist.");
  if (!draft) throw redirect(`/guides/${guideId}`);
  return json({ guideId, title: found.guide.title, number: draft.number, content: draft.content, problems: publishProblems(draft.content) });
}

export async function action(args: ActionFunctionArgs) {
  return editorAction(args);
}

export default function EditGuide() {
  const { guideId, title, number, content, problems } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EditorError | undefined;
  const questions = allQuestions(content);
  const numberOf = (id: string) => questions.findIndex((q) => q.id === id) + 1;
  const adding = result?.intent === "add-section" ? result : null;
  const addSection = useRemixForm(sectionFormSchema, { server: adding, defaultValues: { title: "", purpose: "" }, resetOnSuccess: true });
  return (
    <>
      <PageHeader
        title={`Edit: ${title}`}
        description={`Version ${number}, draft · ${content.sections.length} sections, ${questions.length} questions. Changes save as you make them; publish when it is ready.`}
        breadcrumbs={[
          { to: "/guides", label: "Interview guides" },
          { to: `/guides/${guideId}`, label: title },
        ]}
        actions={
          <>
            <ButtonLink to={`/guides/${guideId}/v/${number}`} variant="secondary">
              Preview
            </ButtonLink>
            <Form method="post" action={`/guides/${guideId}`}>
              <input type="hidden" name="intent" value="publish" />
              <Button type="submit" disabled={problems.length > 0} aria-describedby={problems.length ? "publish-problems" : undefined}>
                Publish version {number}
              </Button>
            </Form>
          </>
        }
      />
      <div className="stack-lg">
        {problems.length > 0 ? (
          <div id="publish-problems" className="flash flash-info" role="status">
            <p>Before publishing: {problems.join("; ")}.</p>
          </div>
        ) : null}
        {result?.formError && !result.target && result.intent !== "add-section" ? <FormError message={result.formError} /> : null}
        {content.sections.length === 0 ? (
          <EmptyState title="No sections yet">Sections group the questions of an interview, e.g. “Business outcomes that matter”. Add the first one below.</EmptyState>
        ) : (
          content.sections.map((section, i) => (
            <SectionEditor key={section.id} section={section} index={i} count={content.sections.length} content={content} result={result} numberOf={numberOf} />
          ))
        )}
        <Panel title="Add a section" narrow>
          <FormError message={adding?.formError} />
          <RemixForm method="post" onSubmit={addSection.onSubmit}>
            <input type="hidden" name="intent" value="add-section" />
            <Field label="Section title" error={addSection.errorFor("title")} {...addSection.register("title")} />
            <TextareaField label="Purpose" optional rows={2} error={addSection.errorFor("purpose")} {...addSection.register("purpose")} />
            <FormActions submit="Add section" />
          </RemixForm>
        </Panel>
        <p>
          <Link to={`/guides/${guideId}`}>Back to the guide</Link>
        </p>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
