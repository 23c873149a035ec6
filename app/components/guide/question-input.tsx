import { useId } from "react";
import { IMPACT_LABELS, IMPACT_LEVELS, type CriticalPeriod, type Question } from "../../domain/guide";

/**
 * One question as the interviewer sees it, for every type. Controlled: the
 * caller keeps the value (a JSON value of the question's answer schema).
 */
export function QuestionInput({
  question,
  number,
  value,
  onChange,
  disabled,
}: {
  question: Question;
  number: number;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const helpId = question.help ? `${id}-help` : undefined;
  const label = (
    <>
      <span className="question-number">Q{number}</span> {question.prompt}
      {question.required ? <span className="required-mark"> (required)</span> : null}
    </>
  );
  const help = question.help ? (
    <p className="field-help" id={helpId}>
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
              className={question.type === "long_text" ? "textarea" : "input"}
              type={Tag === "input" ? type : undefined}
              aria-describedby={helpId}
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
        <fieldset className="question choice-group" aria-describedby={helpId}>
          <legend className="field-label">{label}</legend>
          {help}
          <div className={question.type === "scale" ? "scale-points" : "choices"}>
            {choices.map((c) => (
              <label key={String(c.value)} className="choice">
                <input type="radio" name={id} disabled={disabled} checked={value === c.value} onChange={() => onChange(c.value)} />
                {c.label}
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case "multi_choice": {
      const current = (value as { selected: string[]; other: string } | undefined) ?? { selected: [], other: "" };
      return (
        <fieldset className="question choice-group" aria-describedby={helpId}>
          <legend className="field-label">{label}</legend>
          {help}
          <div className="choices">
            {question.settings.options.map((o) => (
              <label key={o.value} className="choice">
                <input
                  type="checkbox"
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
              <input className="input" disabled={disabled} value={current.other} onChange={(e) => onChange({ ...current, other: e.currentTarget.value })} />
            </label>
          ) : null}
        </fieldset>
      );
    }
    case "ranking": {
      const order = Array.isArray(value) && value.length ? (value as string[]) : question.settings.options.map((o) => o.value);
      const labelOf = (v: string) => question.settings.options.find((o) => o.value === v)?.label ?? v;
      const move = (i: number, by: -1 | 1) => {
        const next = [...order];
        [next[i], next[i + by]] = [next[i + by]!, next[i]!];
        onChange(next);
      };
      return (
        <fieldset className="question" aria-describedby={helpId}>
          <legend className="field-label">{label}</legend>
          {help}
          <ol className="ranking">
            {order.map((v, i) => (
              <li key={v}>
                <span>{labelOf(v)}</span>
                <span className="row">
                  <button type="button" className="btn btn-secondary btn-sm" disabled={disabled || i === 0} onClick={() => move(i, -1)}>
                    Up<span className="visually-hidden">: {labelOf(v)}</span>
                  </button>
                  <button type="button" className="btn btn-secondary btn-sm" disabled={disabled || i === order.length - 1} onClick={() => move(i, 1)}>
                    Down<span className="visually-hidden">: {labelOf(v)}</span>
                  </button>
                </span>
              </li>
            ))}
          </ol>
        </fieldset>
      );
    }
    case "critical_periods": {
      const periods = (Array.isArray(value) ? value : []) as CriticalPeriod[];
      const update = (i: number, patch: Partial<CriticalPeriod>) => onChange(periods.map((p, j) => (j === i ? { ...p, ...patch } : p)));
      return (
        <fieldset className="question" aria-describedby={helpId}>
          <legend className="field-label">{label}</legend>
          {help}
          {periods.map((p, i) => (
            <div key={i} className="period">
              <label className="field">
                <span className="field-label">Period {i + 1}: name</span>
                <input className="input" disabled={disabled} value={p.name} onChange={(e) => update(i, { name: e.currentTarget.value })} />
              </label>
              <label className="field">
                <span className="field-label">When it happens</span>
                <input className="input" disabled={disabled} value={p.when} onChange={(e) => update(i, { when: e.currentTarget.value })} />
              </label>
              <label className="field">
                <span className="field-label">What it affects</span>
                <input className="input" disabled={disabled} value={p.affects} onChange={(e) => update(i, { affects: e.currentTarget.value })} />
              </label>
              <label className="field">
                <span className="field-label">Impact if IT fails then</span>
                <select className="select" disabled={disabled} value={p.impact} onChange={(e) => update(i, { impact: e.currentTarget.value as CriticalPeriod["impact"] })}>
                  {IMPACT_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {IMPACT_LABELS[l]}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="btn btn-ghost btn-sm" disabled={disabled} onClick={() => onChange(periods.filter((_, j) => j !== i))}>
                Remove period {i + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            disabled={disabled}
            onClick={() => onChange([...periods, { name: "", when: "", affects: "", impact: "medium" }])}
          >
            Add a critical period
          </button>
        </fieldset>
      );
    }
  }
}
