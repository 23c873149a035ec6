import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { allQuestions, type Question } from "../domain/guide";
import {
  addQuestion,
  addSection,
  conditionFromForm,
  deleteQuestion,
  deleteSection,
  moveQuestion,
  moveSchema,
  moveSection,
  newQuestionSchema,
  questionFormSchema,
  replaceQuestion,
  sectionFormSchema,
  settingsFromForm,
  updateSection,
} from "../domain/guide-edit";
import { AppError } from "../models/errors.server";
import { editDraft, getDraft, newContentId } from "../models/guide.server";
import { requireIdParam, requireUser } from "../utils/auth.server";
import { fieldErrors } from "../domain/fields";
import { formDataToObject, readFormData } from "../utils/form.server";
import { withoutSecrets } from "../utils/form-values";
import { actorFor, requestMeta } from "../utils/request.server";
import { redirect } from "@remix-run/node";

export interface EditorActionData {
  intent: string;
  target: string | null;
  errors: Record<string, string>;
  formError?: string;
  values?: Record<string, string | string[]>;
}

const targetId = z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, "Unknown section or question");

function problem(intent: string, target: string | null, errors: Record<string, string>, formError?: string, values?: Record<string, unknown>) {
  return json<EditorActionData>({ intent, target, errors, formError, values: values ? withoutSecrets(values) : undefined }, { status: 400 });
}

/** Every change the draft editor makes: one intent per form, each checked, each in its own transaction. */
export async function editorAction({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "guides:manage" });
  const guideId = requireIdParam(params.guideId);
  const form = formDataToObject(await readFormData(request));
  const intent = typeof form.intent === "string" ? form.intent : "";
  const rawTarget = typeof form.target === "string" ? form.target : null;
  const target = rawTarget && targetId.safeParse(rawTarget).success ? rawTarget : null;
  if (rawTarget && !target) return problem(intent, null, {}, "Unknown section or question");
  const actor = actorFor(user, requestMeta(request, context));
  const edit = (apply: Parameters<typeof editDraft>[0]["apply"], anchor = target) =>
    editDraft({ guideId, edit: intent, target: anchor, apply, actor }).then(() => redirect(`/guides/${guideId}/edit${anchor ? `#${anchor}` : ""}`));
  const parse = <S extends z.ZodType>(schema: S) => {
    const r = schema.safeParse(form);
    return r.success ? ({ ok: true, data: r.data } as const) : ({ ok: false, errors: fieldErrors(r.error) } as const);
  };
  const needTarget = () => {
    if (!target) throw new AppError("no_target", "Unknown section or question");
    return target;
  };

  try {
    switch (intent) {
      case "add-section": {
        const p = parse(sectionFormSchema);
        if (!p.ok) return problem(intent, null, p.errors, undefined, form);
        const id = newContentId("s");
        return await edit((c) => addSection(c, { id, ...p.data }), id);
      }
      case "update-section": {
        const id = needTarget();
        const p = parse(sectionFormSchema);
        if (!p.ok) return problem(intent, id, p.errors, undefined, form);
        return await edit((c) => updateSection(c, id, p.data));
      }
      case "delete-section": {
        const id = needTarget();
        return await edit((c) => deleteSection(c, id), null);
      }
      case "move-section":
      case "move-question": {
        const id = needTarget();
        const p = parse(moveSchema);
        if (!p.ok) return problem(intent, id, p.errors, p.errors.direction, form);
        const by = p.data.direction === "up" ? -1 : 1;
        return await edit((c) => (intent === "move-section" ? moveSection(c, id, by) : moveQuestion(c, id, by)));
      }
      case "add-question": {
        const sectionId = needTarget();
        const p = parse(newQuestionSchema);
        if (!p.ok) return problem(intent, sectionId, p.errors, undefined, form);
        const id = newContentId("q");
        return await edit((c) => addQuestion(c, sectionId, { id, ...p.data }), id);
      }
      case "update-question": {
        const id = needTarget();
        const p = parse(questionFormSchema);
        if (!p.ok) return problem(intent, id, p.errors, undefined, form);
        const draft = await getDraft(guideId);
        const previous = draft ? allQuestions(draft.content).find((q) => q.id === id) : undefined;
        if (!draft || !previous) return problem(intent, id, {}, "That question is no longer in the draft");
        const settings = settingsFromForm(p.data, previous);
        if (!settings.ok) return problem(intent, id, settings.errors, undefined, form);
        const condition = conditionFromForm(p.data, draft.content);
        if (!condition.ok) return problem(intent, id, condition.errors, undefined, form);
        const question = {
          id,
          type: p.data.type,
          prompt: p.data.prompt,
          help: p.data.help,
          required: p.data.required,
          settings: settings.value,
          condition: condition.value,
        } as Question;
        return await edit((c) => replaceQuestion(c, question));
      }
      case "delete-question": {
        const id = needTarget();
        return await edit((c) => deleteQuestion(c, id), null);
      }
      default:
        return problem(intent, null, {}, "Unknown action");
    }
  } catch (error) {
    if (error instanceof AppError && error.status === 400) return problem(intent, target, {}, error.message, form);
    throw error;
  }
}
