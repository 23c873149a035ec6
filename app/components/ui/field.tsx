import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

interface FieldShellProps {
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  optional?: boolean;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
  id?: string;
}

/** Label, control, help and error, wired together for screen readers. */
export function FieldShell({ label, help, error, optional, children, id: givenId }: FieldShellProps) {
  const generated = useId();
  const id = givenId ?? generated;
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
        {optional ? <span className="field-optional"> (optional)</span> : null}
      </label>
      {help ? (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Common = { label: ReactNode; help?: ReactNode; error?: string; optional?: boolean };

export const Field = forwardRef<HTMLInputElement, Common & InputHTMLAttributes<HTMLInputElement>>(function Field(
  { label, help, error, optional, id, className, ...input },
  ref,
) {
  return (
    <FieldShell label={label} help={help} error={error} optional={optional} id={id}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={ref}
          id={id}
          className={["input", className].filter(Boolean).join(" ")}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...input}
        />
      )}
    </FieldShell>
  );
});

export const TextareaField = forwardRef<HTMLTextAreaElement, Common & TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextareaField(
  { label, help, error, optional, id, ...input },
  ref,
) {
  return (
    <FieldShell label={label} help={help} error={error} optional={optional} id={id}>
      {({ id, describedBy, invalid }) => (
        <textarea ref={ref} id={id} className="textarea" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...input} />
      )}
    </FieldShell>
  );
});

export interface Option {
  value: string;
  label: string;
}

export const SelectField = forwardRef<
  HTMLSelectElement,
  Common & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly Option[]; placeholder?: string }
>(function SelectField({ label, help, error, optional, id, options, placeholder, ...select }, ref) {
  return (
    <FieldShell label={label} help={help} error={error} optional={optional} id={id}>
      {({ id, describedBy, invalid }) => (
        <select ref={ref} id={id} className="select" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
});

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      {message}
    </div>
  );
}
