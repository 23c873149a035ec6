import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Field, FormError, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { guideDetailsSchema } from "../domain/guide-edit";
import { createGuide } from "../models/guide.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "New guide · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "guides:manage" });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "guides:manage" });
  const parsed = await parseForm(request, guideDetailsSchema);
  if (!parsed.ok) return badRequest(parsed.errors, undefined, parsed.values);
  const guide = await createGuide({ input: parsed.data, actor: actorFor(user, requestMeta(request, context)) });
  return redirectWithFlash(`/guides/${guide.id}/edit`, { kind: "success", message: "Guide created. Add its first section." });
}

export default function NewGuide() {
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor, restored } = useRemixForm(guideDetailsSchema, {
    server: actionData,
    defaultValues: { title: "", description: "" },
    draftKey: "guide-new",
  });
  return (
    <>
      <PageHeader title="New interview guide" breadcrumbs={[{ to: "/guides", label: "Interview guides" }]} />
      <Panel narrow>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <Field label="Title" help="What the conversation is for, e.g. “Business needs discovery”." error={errorFor("title")} {...register("title")} />
          <TextareaField label="Description" optional help="When to use this guide, and with whom." error={errorFor("description")} {...register("description")} />
          <FormActions submit="Create guide" cancelTo="/guides" />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
