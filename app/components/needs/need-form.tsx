import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FormActions, RemixForm, useRemixForm, type ServerErrors } from "../forms";
import { Field, FieldShell, FormError, SelectField, TextareaField } from "../ui/field";
import { NEED_CATEGORIES, NEED_CATEGORY_LABELS, needFormSchema, STATEMENT_MAX } from "../../domain/need";
import { NeedLink, NeedStatusBadge } from "./need-bits";
import type { NeedStatus } from "../../domain/need";

interface Similar {
  id: string;
  number: number;
  statement: string;
  status: NeedStatus;
  stakeholderCount: number;
}

/** Likely duplicates of what is being typed, fetched as the statement settles (JavaScript only). */
function useSimilar(statement: string, excludeId?: string) {
  const fetcher = useFetcher<{ similar: Similar[] }>();
  const last = useRef("");
  useEffect(() => {
    const text = statement.trim();
    if (text.length < 8 || text === last.current) return;
    const timer = setTimeout(() => {
      last.current = text;
      const params = new URLSearchParams({ q: text });
      if (excludeId) params.set("exclude", excludeId);
      fetcher.load(`/needs/similar?${params}`);
    }, 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [statement, excludeId]);
  return statement.trim().length < 8 ? [] : (fetcher.data?.similar ?? []);
}

/**
 * The need form, for writing and editing. The browser checks the fields with
 * needFormSchema; the server parses the same fields plus the hidden ones (the
 * evidence behind a new need, the revision an edit was based on).
 */
export function NeedForm({
  defaultValues,
  server,
  units,
  criticalPeriods,
  processes,
  submit,
  cancelTo,
  excludeId,
  hidden,
  draftKey,
}: {
  defaultValues: Record<string, unknown>;
  server?: ServerErrors | null;
  units: { id: string; name: string }[];
  criticalPeriods: string[];
  processes: string[];
  submit: string;
  cancelTo: string;
  excludeId?: string;
  hidden: Record<string, string | string[]>;
  draftKey: string;
}) {
  const { form, onSubmit, register, choice, errorFor, restored } = useRemixForm(needFormSchema, {
    server,
    defaultValues,
    draftKey,
  });
  const statement = String(form.watch("statement") ?? "");
  const similar = useSimilar(statement, excludeId);
  return (
    <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
      <FormError message={server?.formError} />
      {Object.entries(hidden).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => <input key={`${name}-${v}`} type="hidden" name={name} value={v} />))}
      <TextareaField
        label="The need"
        rows={2}
        maxLength={STATEMENT_MAX + 50}
        help="In business language, as the business would say it: “Branch staff can open accounts during Saturday opening hours”."
        error={errorFor("statement")}
        {...register("statement")}
      />
      {similar.length ? (
        <div className="similar" role="status" aria-live="polite">
          <p className="small">
            <strong>Already written?</strong> These needs are worded alike. Open one to link your evidence to it instead, or merge afterwards.
          </p>
          <ul className="need-list">
            {similar.map((s) => (
              <li key={s.id}>
                <NeedLink id={s.id} number={s.number} statement={s.statement} /> <NeedStatusBadge status={s.status} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextareaField label="Business outcome it serves" optional rows={2} error={errorFor("outcome")} {...register("outcome")} />
      <div className="grid-2">
        <Field label="Business process" optional list="need-form-processes" error={errorFor("process")} {...register("process")} />
        <Field
          label="Critical period"
          optional
          list="need-form-periods"
          help={criticalPeriods.length ? "Named in the interviews behind this need: pick one or write your own." : undefined}
          error={errorFor("criticalPeriod")}
          {...register("criticalPeriod")}
        />
      </div>
      <datalist id="need-form-processes">
        {processes.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <datalist id="need-form-periods">
        {criticalPeriods.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <TextareaField label="Pain or impact today" optional rows={3} error={errorFor("pain")} {...register("pain")} />
      <SelectField label="Category" options={NEED_CATEGORIES.map((c) => ({ value: c, label: NEED_CATEGORY_LABELS[c] }))} placeholder="Choose a category" error={errorFor("category")} {...register("category")} />
      <FieldShell label="Business units" help="Whose need it is. Their business leads will see it and can comment." error={errorFor("unitIds")}>
        {({ id, describedBy }) => (
          <div className="checklist checklist-columns" id={id} role="group" aria-describedby={describedBy}>
            {units.map((u) => (
              <label key={u.id}>
                <input type="checkbox" {...choice("unitIds", u.id)} />
                <span>{u.name}</span>
              </label>
            ))}
          </div>
        )}
      </FieldShell>
      <FormActions submit={submit} cancelTo={cancelTo} />
    </RemixForm>
  );
}
