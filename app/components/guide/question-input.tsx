import { useEffect, useId, useState } from "react";
import { fieldName } from "../../domain/answers";
import { IMPACT_LABELS, IMPACT_LEVELS, type CriticalPeriod, type Question } from "../../domain/guide";
import { QuestionText } from "../interview/question-text";

/**
 * One question as the interviewer sees it, for every type. Controlled: the
 * caller keeps the value (a JSON value of the question's answer schema). With
 * `named`, every input carries its form name (domain/answers.ts `fieldName`),
 * so the section posts as a plain form without JavaScript.
 */
export function QuestionInput({
  question,
  number,
  value,
  onChange,
  disabled,
  named,
  error,
}: {
  question: Question;
  number: number;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean;
  named?: boolean;
  error?: string;
}) {
  const id = useId();
  const hydrated = useHydrated();
  const n = (name: string) => (named ? name : undefined);
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [question.help ? `${id}-help` : "", errorId ?? ""].filter(Boolean).join(" ") || undefined;
  const errorText = error ? (
    <p className="field-error" id={errorId}>
      {error}
    </p>
  ) : null;
  const helpId = question.help ? `${id}-help` : undefined;
  const label = (
    <>
      <span className="question-number">Q{number}</span> <QuestionText text={question.prompt} />
      {question.required ? <span className="required-mark"> (required)</span> : null}
    </>
  );
  const help = question.help ? (
    <p className="field-help pre-line" id={helpId}>
      {question.help}
    </p>
  ) : null;

  switch (question.type) {
    case "short_text":
    case "long_text":
    case "date":
    case "number": {
      const Tag = question.type === "long_text" ? "textarea" : "input";
      const type = question.type === "date" ? "date" : question.type === "number" ? "number" : "text";
      return (
        <div className="field question">
          <label className="field-label" htmlFor={id}>
            {label}
          </label>
          {help}
          <div className="row">
            <Tag
              id={id}
              name={n(fieldName.value(question.id))}
              aria-invalid={error ? true : undefined}
              className={question.type === "long_text" ? "textarea" : "input"}
              type={Tag === "input" ? type : undefined}
              step={question.type === "number" ? "any" : undefined}
              rows={question.type === "long_text" ? 4 : undefined}
              aria-describedby={describedBy}
              disabled={disabled}
              value={value === undefined || value === null ? "" : String(value)}
              min={question.type === "number" ? question.settings.min : undefined}
              max={question.type === "number" ? question.settings.max : undefined}
              maxLength={question.type === "short_text" ? question.settings.maxLength : undefined}
              onChange={(e) => {
                const raw = e.currentTarget.value;
                onChange(question.type === "number" ? (raw === "" ? undefined : Number(raw)) : raw);
              }}
            />
            {question.type === "number" && question.settings.unit ? <span className="muted">{question.settings.unit}</span> : null}
          </div>
          {errorText}
        </div>
      );
    }
    case "yes_no":
    case "single_choice":
    case "scale": {
      const choices =
        question.type === "yes_no"
          ? [
              { value: true as unknown, label: "Yes" },
              { value: false as unknown, label: "No" },
            ]
          : question.type === "single_choice"
            ? question.settings.options.map((o) => ({ value: o.value as unknown, label: o.label }))
            : Array.from({ length: question.settings.max - question.settings.min + 1 }, (_, i) => {
                const point = question.settings.min + i;
                const pointLabel =
                  question.settings.pointLabels?.[i] ||
                  (point === question.settings.min ? question.settings.minLabel : point === question.settings.max ? question.settings.maxLabel : "");
                return { value: point as unknown, label: pointLabel ? `${point} · ${pointLabel}` : String(point) };
              });
      return (
        <fieldset className="question choice-group" aria-describedby={describedBy}>
          <legend className="field-label">{label}</legend>
          {help}
          <div className={question.type === "scale" ? "scale-points" : "choices"}>
            {choices.map((c) => (
              <label key={String(c.value)} className="choice">
                <input
                  type="radio"
                  name={named ? fieldName.value(question.id) : id}
                  value={c.value === true ? "yes" : c.value === false ? "no" : String(c.value)}
                  disabled={disabled}
                  checked={value === c.value}
                  onChange={() => onChange(c.value)}
                />
                {c.label}
              </label>
            ))}
          </div>
          {errorText}
        </fieldset>
      );
    }
    case "multi_choice": {
      const current = (value as { selected: string[]; other: string } | undefined) ?? { selected: [], other: "" };
      return (
        <fieldset className="question choice-group" aria-describedby={describedBy}>
          <legend className="field-label">{label}</legend>
          {help}
          <div className="choices">
            {question.settings.options.map((o) => (
              <label key={o.value} className="choice">
                <input
                  type="checkbox"
                  name={n(fieldName.value(question.id))}
                  value={o.value}
                  disabled={disabled}
                  checked={current.selected.includes(o.value)}
                  onChange={(e) =>
                    onChange({
                      ...current,
                      selected: e.currentTarget.checked ? [...current.selected, o.value] : current.selected.filter((s) => s !== o.value),
                    })
                  }
                />
                {o.label}
              </label>
            ))}
          </div>
          {question.settings.allowOther ? (
            <label className="field">
              <span className="field-label">Other, please say</span>
              <input
                className="input"
                name={n(fieldName.other(question.id))}
                disabled={disabled}
                value={current.other}
                onChange={(e) => onChange({ ...current, other: e.currentTarget.value })}
              />
            </label>
          ) : null}
          {errorText}
        </fieldset>
      );
    }
    case "ranking": {
      const known = question.settings.options.map((o) => o.value);
      // Options given a place so far (a partly ranked list posted without JavaScript keeps them), then the rest.
      const given = (Array.isArray(value) ? (value as unknown[]) : []).filter((v, i, a): v is string => typeof v === "string" && known.includes(v) && a.indexOf(v) === i);
      const ranked = given.length ? given : null;
      const order = [...given, ...known.filter((v) => !given.includes(v))];
      const labelOf = (v: string) => question.settings.options.find((o) => o.value === v)?.label ?? v;
      const moveTo = (v: string, position: number) => {
        const next = order.filter((x) => x !== v);
        next.splice(position, 0, v);
        onChange(next);
      };
      return (
        <fieldset className="question" aria-describedby={describedBy}>
          <legend className="field-label">{label}</legend>
          {help}
          {ranked ? null : <p className="field-help">Not ranked yet: give each option its place, 1 first.</p>}
          <ol className="ranking">
            {order.map((v, i) => (
              <li key={v}>
                <span>{labelOf(v)}</span>
                <span className="row">
                  <label className="row">
                    <span className="visually-hidden">Place of {labelOf(v)}</span>
                    <select
                      className="select select-sm"
                      name={n(fieldName.rank(question.id, v))}
                      disabled={disabled}
                      value={i < given.length ? String(i + 1) : ""}
                      onChange={(e) => e.currentTarget.value && moveTo(v, Number(e.currentTarget.value) - 1)}
                    >
                      <option value="">–</option>
                      {order.map((_, p) => (
                        <option key={p} value={String(p + 1)}>
                          {p + 1}
                        </option>
                      ))}
                    </select>
                  </label>
                  {hydrated ? (
                    <>
                      <button type="button" className="btn btn-secondary btn-sm" disabled={disabled || i === 0} onClick={() => moveTo(v, i - 1)}>
                        Up<span className="visually-hidden">: {labelOf(v)}</span>
                      </button>
                      <button type="button" className="btn btn-secondary btn-sm" disabled={disabled || i === order.length - 1} onClick={() => moveTo(v, i + 1)}>
                        Down<span className="visually-hidden">: {labelOf(v)}</span>
                      </button>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
          {errorText}
        </fieldset>
      );
    }
    case "critical_periods": {
      const given = (Array.isArray(value) ? value : []) as CriticalPeriod[];
      // Without JavaScript there is no "Add" button: an empty row takes a new period.
      const periods = hydrated || !named ? given : [...given, { name: "", when: "", affects: "", impact: "medium" as const }];
      const update = (i: number, patch: Partial<CriticalPeriod>) => onChange(periods.map((p, j) => (j === i ? { ...p, ...patch } : p)));
      return (
        <fieldset className="question" aria-describedby={describedBy}>
          <legend className="field-label">{label}</legend>
          {help}
          {periods.map((p, i) => (
            <div key={i} className="period">
              <label className="field">
                <span className="field-label">Period {i + 1}: name</span>
                <input className="input" name={n(fieldName.period(question.id, i, "name"))} disabled={disabled} value={p.name} onChange={(e) => update(i, { name: e.currentTarget.value })} />
              </label>
              <label className="field">
                <span className="field-label">When it happens</span>
                <input className="input" name={n(fieldName.period(question.id, i, "when"))} disabled={disabled} value={p.when} onChange={(e) => update(i, { when: e.currentTarget.value })} />
              </label>
              <label className="field">
                <span className="field-label">What it affects</span>
                <input className="input" name={n(fieldName.period(question.id, i, "affects"))} disabled={disabled} value={p.affects} onChange={(e) => update(i, { affects: e.currentTarget.value })} />
              </label>
              <label className="field">
                <span className="field-label">Impact if IT fails then</span>
                <select className="select" name={n(fieldName.period(question.id, i, "impact"))} disabled={disabled} value={p.impact} onChange={(e) => update(i, { impact: e.currentTarget.value as CriticalPeriod["impact"] })}>
                  {IMPACT_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {IMPACT_LABELS[l]}
                    </option>
                  ))}
                </select>
              </label>
              {hydrated ? (
                <button type="button" className="btn btn-ghost btn-sm" disabled={disabled} onClick={() => onChange(periods.filter((_, j) => j !== i))}>
                  Remove period {i + 1}
                </button>
              ) : (
                <p className="field-help">Clear a period's fields to remove it.</p>
              )}
            </div>
          ))}
          {hydrated ? (
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              disabled={disabled}
              onClick={() => onChange([...periods, { name: "", when: "", affects: "", impact: "medium" }])}
            >
              Add a critical period
            </button>
          ) : null}
          {errorText}
        </fieldset>
      );
    }
  }
}

/** False in the server render and the first browser render, true once React has hydrated. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
