import { json, type LinksFunction, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { useHydrated } from "../components/guide/question-input";
import { PeopleChecklist } from "../components/stakeholder-fields";
import { Field, FieldShell, FormError, SelectField, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { LEVEL_LABELS, STAKEHOLDER_LEVELS } from "../domain/stakeholder";
import { fieldErrors } from "../domain/fields";
import { surveySchema } from "../domain/survey";
import { AppError } from "../models/errors.server";
import { createSurvey, surveyGuideOptions, surveyPeopleOptions, todayUtc } from "../models/survey.server";
import surveyStyles from "../styles/surveys.css";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export const meta: MetaFunction = () => [{ title: "Send a survey · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "interviews:plan" });
  const [guides, people] = await Promise.all([surveyGuideOptions(), surveyPeopleOptions()]);
  const units = new Map<string, { value: string; label: string; people: number }>();
  for (const p of people) {
    const u = units.get(p.unitId) ?? { value: p.unitId, label: p.unitName, people: 0 };
    u.people += 1;
    units.set(p.unitId, u);
  }
  const today = todayUtc();
  return json({
    today,
    inTwoWeeks: todayUtc(new Date(Date.now() + 14 * 86_400_000)),
    guides: guides.map((g) => ({ value: g.id, label: `${g.title} (version ${g.number})` })),
    units: [...units.values()],
    people: people.map((p) => ({ id: p.id, name: p.name, title: p.title, unitName: p.unitName, reachable: Boolean(p.email?.trim()) })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:plan" });
  // The typed values go back with any error, so a form posted without JavaScript keeps them.
  const values = formDataToObject(await readFormData(request));
  const parsed = surveySchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: undefined as string | undefined, values }, { status: 400 });
  try {
    const created = await createSurvey({ input: parsed.data, actor: { ...actorFor(user, requestMeta(request, context)), id: user.id } });
    const opensLater = parsed.data.opensOn > todayUtc();
    const left = created.skipped ? ` ${created.skipped} stakeholder${created.skipped === 1 ? " has" : "s have"} no e-mail address and ${created.skipped === 1 ? "was" : "were"} left out.` : "";
    return redirectWithFlash(`/surveys/${created.id}`, {
      kind: "success",
      message: `${opensLater ? "Survey scheduled: invitations go out on its opening day" : "Survey sent"} to ${created.invited} stakeholder${created.invited === 1 ? "" : "s"}.${left}`,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return json(
      { errors: error.field ? { [error.field]: error.message } : ({} as Record<string, string>), formError: error.field ? undefined : error.message, values },
      { status: error.status },
    );
  }
}


export default function NewSurvey() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const hydrated = useHydrated();
  const defaults = {
    guideVersionId: data.guides[0]?.value ?? "",
    title: "",
    intro: "",
    opensOn: data.today,
    closesOn: data.inTwoWeeks,
    anonymous: false,
    audience: "groups",
    stakeholderIds: [] as string[],
    unitIds: [] as string[],
    levels: [] as string[],
  };
  // useRemixForm lays what was typed before a refusal (a post without JavaScript) over the defaults.
  const { onSubmit, register, choice, errorFor, restored, form } = useRemixForm(surveySchema, { server: actionData, defaultValues: defaults, draftKey: "survey-new" });
  // Without JavaScript both lists show, and the choice above decides which one counts.
  const audience = (form.watch("audience") as string | undefined) ?? "groups";
  return (
    <>
      <PageHeader
        title="Send a survey"
        description="Each stakeholder gets their own link by e-mail: no account needed. Their answers flow into evidence and needs like an interview's."
        breadcrumbs={[{ to: "/surveys", label: "Surveys" }]}
      />
      <Panel narrow>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <SelectField label="Guide" help="Its questions, sections and show-if rules, as published." options={data.guides} placeholder="Choose a published guide" error={errorFor("guideVersionId")} {...register("guideVersionId")} />
          <Field label="Title" help="The respondents see it in their invitation and on the survey." error={errorFor("title")} {...register("title")} />
          <TextareaField label="Introduction" optional rows={4} help="Why you are asking and what happens with the answers." error={errorFor("intro")} {...register("intro")} />
          <div className="survey-dates">
            <Field label="Opens on" type="date" help="Invitations go out that day." error={errorFor("opensOn")} {...register("opensOn")} />
            <Field label="Closes on" type="date" help="Links stop working after this day." error={errorFor("closesOn")} {...register("closesOn")} />
          </div>
          <label className="checkbox">
            <input type="checkbox" {...choice("anonymous")} /> Anonymous: nobody sees who gave which answers, and results never show fewer than three people
          </label>
          <div className="field survey-audience">
            <fieldset className="stack plain-fieldset">
              <legend className="field-label">Who is asked</legend>
              <label className="radio">
                <input type="radio" {...choice("audience", "groups")} /> Everyone in the units and levels chosen
              </label>
              <label className="radio">
                <input type="radio" {...choice("audience", "people")} /> The people I pick
              </label>
            </fieldset>
          </div>
          <div hidden={hydrated && audience !== "groups"} data-audience="groups" className="stack">
            <FieldShell label="Business units" help="Stakeholders with no e-mail address are left out: they cannot be sent a link." error={errorFor("unitIds")}>
              {({ id, describedBy }) => (
                <div className="checklist" id={id} role="group" aria-describedby={describedBy}>
                  {data.units.map((u) => (
                    <label key={u.value}>
                      <input type="checkbox" {...choice("unitIds", u.value)} />
                      <span>
                        {u.label} <span className="muted">{u.people} stakeholder{u.people === 1 ? "" : "s"}</span>
                      </span>
                    </label>
                  ))}
                </div>
              )}
            </FieldShell>
            <FieldShell label="Levels" optional help="None chosen: every level." error={errorFor("levels")}>
              {({ id, describedBy }) => (
                <div className="checklist checklist-inline" id={id} role="group" aria-describedby={describedBy}>
                  {STAKEHOLDER_LEVELS.map((l) => (
                    <label key={l}>
                      <input type="checkbox" {...choice("levels", l)} />
                      <span>{LEVEL_LABELS[l]}</span>
                    </label>
                  ))}
                </div>
              )}
            </FieldShell>
          </div>
          <div hidden={hydrated && audience !== "people"} data-audience="people">
            <FieldShell label="Stakeholders" error={errorFor("stakeholderIds")}>
              {({ id, describedBy }) => (
                <div className="checklist" id={id} role="group" aria-describedby={describedBy}>
                  <PeopleChecklist
                    people={data.people}
                    choice={choice}
                    unavailable={(p) => (p.reachable ? null : "no e-mail address")}
                  />
                </div>
              )}
            </FieldShell>
          </div>
          <FormActions submit="Send the survey" cancelTo="/surveys" />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
