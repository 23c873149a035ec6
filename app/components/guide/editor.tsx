import { Form, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  CONDITION_LABELS,
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  operatorsFor,
  type GuideContent,
  type Question,
  type Section,
} from "../../domain/guide";
import { newQuestionSchema, questionFormSchema, sectionFormSchema } from "../../domain/guide-edit";
import { PLACEHOLDER_HELP } from "../../domain/review-guide";
import { FormActions, RemixForm, useRemixForm } from "../forms";
import { Badge } from "../ui/badge";
import { Field, FormError, SelectField, TextareaField } from "../ui/field";
import { conditionText } from "./condition-text";

export interface EditorError {
  intent: string;
  target: string | null;
  errors: Record<string, string>;
  formError?: string;
  /** What the refused form posted: it shows again, also without JavaScript. */
  values?: Record<string, string | string[]>;
}

const typeOptions = QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }));

function errorsFor(result: EditorError | undefined, intent: string, target: string | null) {
  return result && result.intent === intent && result.target === target ? result : null;
}

/** Small one-button forms: move up / move down / delete, usable from the keyboard. */
function ToolButton({ intent, target, label, extra, danger }: { intent: string; target: string; label: string; extra?: Record<string, string>; danger?: boolean }) {
  return (
    <Form method="post" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="target" value={target} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={`btn btn-sm ${danger ? "btn-ghost" : "btn-secondary"}`}>
        {label}
      </button>
    </Form>
  );
}

export function SectionEditor({
  section,
  index,
  count,
  content,
  result,
  numberOf,
}: {
  section: Section;
  index: number;
  count: number;
  content: GuideContent;
  result?: EditorError;
  numberOf: (id: string) => number;
}) {
  const mine = errorsFor(result, "update-section", section.id);
  const { onSubmit, register, errorFor } = useRemixForm(sectionFormSchema, {
    server: mine,
    defaultValues: { title: section.title, purpose: section.purpose },
  });
  const adding = errorsFor(result, "add-question", section.id);
  const add = useRemixForm(newQuestionSchema, { server: adding, defaultValues: { type: "long_text", prompt: "" }, resetOnSuccess: true });
  return (
    <section id={section.id} className="panel editor-section" aria-labelledby={`${section.id}-title`}>
      <h2 id={`${section.id}-title`} className="panel-title">
        Section {index + 1}: {section.title}
      </h2>
      <FormError message={mine?.formError} />
      <RemixForm method="post" onSubmit={onSubmit} preventScrollReset>
        <input type="hidden" name="intent" value="update-section" />
        <input type="hidden" name="target" value={section.id} />
        <Field label="Section title" error={errorFor("title")} {...register("title")} />
        <TextareaField label="Purpose" optional help="Shown to the interviewer: why this section matters and what to listen for." rows={2} error={errorFor("purpose")} {...register("purpose")} />
        <FormActions submit="Save section" />
      </RemixForm>
      <div className="editor-tools" aria-label={`Arrange section ${index + 1}`} role="group">
        {index > 0 ? <ToolButton intent="move-section" target={section.id} extra={{ direction: "up" }} label={`Move section ${index + 1} up`} /> : null}
        {index < count - 1 ? <ToolButton intent="move-section" target={section.id} extra={{ direction: "down" }} label={`Move section ${index + 1} down`} /> : null}
        <ToolButton intent="delete-section" target={section.id} label={`Delete section ${index + 1}`} danger />
      </div>

      {section.questions.map((q, qi) => (
        <QuestionEditor
          key={q.id}
          question={q}
          number={numberOf(q.id)}
          first={index === 0 && qi === 0}
          last={index === count - 1 && qi === section.questions.length - 1}
          content={content}
          result={result}
        />
      ))}

      <FormError message={adding?.formError} />
      <RemixForm method="post" onSubmit={add.onSubmit} className="inline-form" preventScrollReset aria-label={`Add a question to section ${index + 1}`}>
        <input type="hidden" name="intent" value="add-question" />
        <input type="hidden" name="target" value={section.id} />
        <SelectField label="New question type" options={typeOptions} error={add.errorFor("type")} {...add.register("type")} />
        <Field label="New question" error={add.errorFor("prompt")} {...add.register("prompt")} />
        <button type="submit" className="btn btn-secondary">
          Add question
        </button>
      </RemixForm>
    </section>
  );
}

function summary(question: Question) {
  return [QUESTION_TYPE_LABELS[question.type], question.required ? "required" : null].filter(Boolean).join(" · ");
}

function settingsDefaults(q: Question) {
  const s = q.settings as Record<string, unknown>;
  const options = Array.isArray(s.options) ? (s.options as { label: string }[]).map((o) => o.label).join("\n") : "";
  const c = q.condition;
  const conditionValue = !c || c.value === undefined ? "" : Array.isArray(c.value) ? c.value.join(", ") : typeof c.value === "boolean" ? (c.value ? "yes" : "no") : String(c.value);
  return {
    type: q.type,
    prompt: q.prompt,
    help: q.help,
    required: q.required,
    maxLength: s.maxLength !== undefined ? String(s.maxLength) : "",
    min: s.min !== undefined ? String(s.min) : "",
    max: s.max !== undefined ? String(s.max) : "",
    minLabel: (s.minLabel as string) ?? "",
    maxLabel: (s.maxLabel as string) ?? "",
    pointLabels: Array.isArray(s.pointLabels) ? (s.pointLabels as string[]).join("\n") : "",
    options,
    allowOther: Boolean(s.allowOther),
    unit: (s.unit as string) ?? "",
    conditionQuestionId: c?.questionId ?? "",
    conditionOperator: c?.operator ?? "",
    conditionValue,
  };
}

export function QuestionEditor({
  question,
  number,
  first,
  last,
  content,
  result,
}: {
  question: Question;
  number: number;
  first: boolean;
  last: boolean;
  content: GuideContent;
  result?: EditorError;
}) {
  const mine = errorsFor(result, "update-question", question.id) ?? errorsFor(result, "move-question", question.id);
  const { onSubmit, register, choice, errorFor, form } = useRemixForm(questionFormSchema, { server: mine, defaultValues: settingsDefaults(question) });
  const [open, setOpen] = useState(Boolean(mine));
  const { hash } = useLocation();
  useEffect(() => {
    // Open the question that has errors, or that was just added or moved (the page's #anchor).
    if (mine || hash === `#${question.id}`) setOpen(true);
  }, [mine, hash, question.id]);
  const type = form.watch("type") as Question["type"];
  const earlier = content.sections.flatMap((s) => s.questions).slice(0, number - 1);
  const conditionTarget = form.watch("conditionQuestionId") as string;
  const target = earlier.find((q) => q.id === conditionTarget);
  const condition = conditionText(content, question);
  return (
    <details id={question.id} className="editor-question" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <strong>Q{number}</strong> <span>{question.prompt}</span> <Badge>{summary(question)}</Badge>
        {condition ? <span className="condition-note">{condition}</span> : null}
      </summary>
      <div className="editor-question-body">
        <FormError message={mine?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} preventScrollReset>
          <input type="hidden" name="intent" value="update-question" />
          <input type="hidden" name="target" value={question.id} />
          <TextareaField label="Question" rows={2} help={PLACEHOLDER_HELP} error={errorFor("prompt")} {...register("prompt")} />
          <TextareaField label="Help for the interviewer" optional rows={2} help="What to probe for, or an example of a good answer." error={errorFor("help")} {...register("help")} />
          <label className="checkbox">
            <input type="checkbox" {...choice("required")} /> An answer is required
          </label>
          <SelectField label="Type" options={typeOptions} help="Changing the type starts its settings afresh." error={errorFor("type")} {...register("type")} />
          {type === "short_text" ? <Field label="Longest answer (characters)" inputMode="numeric" error={errorFor("maxLength")} {...register("maxLength")} /> : null}
          {type === "scale" ? (
            <div className="grid-2">
              <Field label="Lowest point" inputMode="numeric" error={errorFor("min")} {...register("min")} />
              <Field label="Highest point" inputMode="numeric" error={errorFor("max")} {...register("max")} />
              <Field label="Label of the lowest point" error={errorFor("minLabel")} {...register("minLabel")} />
              <Field label="Label of the highest point" error={errorFor("maxLabel")} {...register("maxLabel")} />
            </div>
          ) : null}
          {type === "scale" ? (
            <TextareaField label="A label for each point" optional rows={3} help="One per line, lowest first; leave empty to label only the ends." error={errorFor("pointLabels")} {...register("pointLabels")} />
          ) : null}
          {type === "single_choice" || type === "multi_choice" || type === "ranking" ? (
            <TextareaField label="Options" rows={4} help="One option per line." error={errorFor("options")} {...register("options")} />
          ) : null}
          {type === "multi_choice" ? (
            <label className="checkbox">
              <input type="checkbox" {...choice("allowOther")} /> Offer “other, please say”
            </label>
          ) : null}
          {type === "number" ? (
            <div className="grid-3">
              <Field label="Minimum" optional inputMode="decimal" error={errorFor("min")} {...register("min")} />
              <Field label="Maximum" optional inputMode="decimal" error={errorFor("max")} {...register("max")} />
              <Field label="Unit" optional error={errorFor("unit")} {...register("unit")} />
            </div>
          ) : null}
          <fieldset className="question">
            <legend className="field-label">Show this question only if…</legend>
            <div className="grid-3">
              <SelectField
                label="Earlier question"
                options={earlier.map((q, i) => ({ value: q.id, label: `Q${i + 1} ${q.prompt.slice(0, 60)}` }))}
                placeholder="Always show"
                error={errorFor("conditionQuestionId")}
                {...register("conditionQuestionId")}
              />
              <SelectField
                label="Condition"
                options={(target ? operatorsFor(target.type) : (["equals", "one_of", "greater_than", "answered"] as const)).map((o) => ({ value: o, label: CONDITION_LABELS[o] }))}
                placeholder="is answered"
                error={errorFor("conditionOperator")}
                {...register("conditionOperator")}
              />
              <Field
                label="Answer"
                optional
                help={target && "options" in target.settings ? `One of: ${target.settings.options.map((o) => o.label).join(", ")}` : target?.type === "yes_no" ? "yes or no" : "For “is one of”, separate answers with commas."}
                error={errorFor("conditionValue")}
                {...register("conditionValue")}
              />
            </div>
          </fieldset>
          <FormActions submit={`Save Q${number}`} />
        </RemixForm>
        <div className="editor-tools" role="group" aria-label={`Arrange Q${number}`}>
          {!first ? <ToolButton intent="move-question" target={question.id} extra={{ direction: "up" }} label={`Move Q${number} up`} /> : null}
          {!last ? <ToolButton intent="move-question" target={question.id} extra={{ direction: "down" }} label={`Move Q${number} down`} /> : null}
          <ToolButton intent="delete-question" target={question.id} label={`Delete Q${number}`} danger />
        </div>
      </div>
    </details>
  );
}
