import { zodResolver } from "@hookform/resolvers/zod";
import { Form, Link, useNavigation, useSubmit, type FormProps } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useForm, type FieldErrors, type FieldValues, type RegisterOptions, type Resolver, type UseFormRegisterReturn } from "react-hook-form";
import type { z } from "zod";
import { SECRET_FIELD, valueAt, withPosted } from "../utils/form-values";

export interface ServerErrors {
  errors?: Record<string, string>;
  formError?: string;
  /** What was posted, when the server refused it: the form starts from it again. */
  values?: Record<string, unknown>;
}

/**
 * `register` that also renders the field's starting value (`defaultValue`), so the page drawn on
 * the server, and used without JavaScript, shows it. For text inputs, textareas, selects and
 * hidden inputs; radios and checkboxes use `choice`.
 */
export type FormRegister = <N extends string>(name: N, options?: RegisterOptions<FieldValues, N>) => UseFormRegisterReturn<N> & { defaultValue?: string | number };
/** A radio or checkbox: `choice(name, value)` for one of several (radios, a checkbox list), `choice(name)` for a single yes/no checkbox. */
export type FormChoice = <N extends string>(name: N, value?: string) => UseFormRegisterReturn<N> & { value?: string; defaultChecked: boolean };

const DRAFT_PREFIX = "charter:draft:";

/**
 * react-hook-form on a plain Remix <Form>: the browser validates with the same
 * zod schema the server uses, then submits the real form (so it also works
 * without JavaScript). Server errors from the action show on their fields.
 *
 * With `draftKey`, what is typed is kept in sessionStorage until a submission
 * goes through, so a sign-in that expired mid-form costs nothing: after signing
 * in again the page opens with the typed values restored.
 */
export function useRemixForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  {
    defaultValues,
    server,
    draftKey,
    resetOnSuccess,
  }: { defaultValues?: Record<string, unknown>; server?: ServerErrors | null; draftKey?: string; resetOnSuccess?: boolean },
) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const serverErrors = useMemo<FieldErrors | undefined>(() => {
    if (!server?.errors) return undefined;
    const out: FieldErrors = {};
    for (const [name, message] of Object.entries(server.errors)) out[name] = { type: "server", message };
    return out;
  }, [server]);
  // The defaults, or a refused post over them: what the page shows before (and without) JavaScript.
  const initial = useMemo(() => withPosted(defaultValues, server?.values), [defaultValues, server?.values]);
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as never) as unknown as Resolver<FieldValues>,
    defaultValues: initial as FieldValues,
    errors: serverErrors,
    mode: "onTouched",
    shouldFocusError: true,
  });
  const [restored, setRestored] = useState(false);
  const submitted = useRef(false);

  useEffect(() => {
    if (!draftKey) return;
    const saved = sessionStorage.getItem(DRAFT_PREFIX + draftKey);
    if (saved) {
      try {
        form.reset({ ...(defaultValues ?? {}), ...(JSON.parse(saved) as FieldValues) }, { keepDefaultValues: true });
        setRestored(true);
      } catch {
        sessionStorage.removeItem(DRAFT_PREFIX + draftKey);
      }
    }
    const subscription = form.watch((values) => {
      const kept = Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_FIELD.test(k)));
      sessionStorage.setItem(DRAFT_PREFIX + draftKey, JSON.stringify(kept));
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftKey]);

  useEffect(() => {
    if (!draftKey || !submitted.current || navigation.state !== "loading") return;
    // A submission that sends us to sign in keeps the draft; any other outcome clears it.
    if (navigation.location.pathname !== "/login") sessionStorage.removeItem(DRAFT_PREFIX + draftKey);
    submitted.current = false;
  }, [navigation, draftKey]);

  // "Add" forms empty themselves once their submission went through (a redirect, no errors back).
  const awaitingReset = useRef(false);
  useEffect(() => {
    if (!resetOnSuccess || !awaitingReset.current || navigation.state !== "idle") return;
    awaitingReset.current = false;
    if (!server?.errors || Object.keys(server.errors).length === 0) form.reset(defaultValues as FieldValues);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [navigation.state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    void form.handleSubmit(() => {
      submitted.current = true;
      awaitingReset.current = Boolean(resetOnSuccess);
      submit(element, { preventScrollReset: element.hasAttribute("data-keep-scroll") });
    })(event);
  };

  // A field's message: the server's, keyed by the whole path, or the resolver's, nested along it.
  const errorFor = (name: string): string | undefined => {
    const errors = form.formState.errors as Record<string, unknown>;
    let node: unknown = errors[name] ?? name.split(".").reduce<unknown>((at, part) => (at && typeof at === "object" ? (at as Record<string, unknown>)[part] : undefined), errors);
    if (node && typeof node === "object" && "message" in node) node = (node as { message: unknown }).message;
    return typeof node === "string" ? node : undefined;
  };

  // After hydration react-hook-form owns the values (it sets them through refs); defaultValue and
  // defaultChecked only draw the same starting values into the server's HTML.
  const register: FormRegister = (name, options) => {
    const props = form.register(name, options);
    const value = SECRET_FIELD.test(name) ? undefined : valueAt(initial, name);
    return typeof value === "string" || typeof value === "number" ? { ...props, defaultValue: value } : props;
  };
  const choice: FormChoice = (name, value) => {
    const props = form.register(name);
    const at = valueAt(initial, name);
    if (value === undefined) return { ...props, defaultChecked: at === true || at === "true" || at === "on" };
    const chosen = Array.isArray(at) ? at.map(String).includes(value) : at !== undefined && at !== null && at !== false && String(at) === value;
    return { ...props, value, defaultChecked: chosen };
  };

  return { form, onSubmit, errorFor, register, choice, initial, restored };
}

/** A Remix <Form> with the enhanced submit wired in. */
export function RemixForm({
  onSubmit,
  children,
  restored,
  ...props
}: FormProps & { onSubmit: (e: FormEvent<HTMLFormElement>) => void; children: ReactNode; restored?: boolean }) {
  return (
    <Form method="post" noValidate onSubmit={onSubmit} data-keep-scroll={props.preventScrollReset ? "" : undefined} {...props}>
      {restored ? (
        <div className="flash flash-info" role="status">
          <p>We restored what you had typed before you were asked to sign in again. Check it and save.</p>
        </div>
      ) : null}
      {children}
    </Form>
  );
}

/** The submit button (disabled while the form is on its way) and an optional way out. */
export function FormActions({ submit, cancelTo }: { submit: string; cancelTo?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy} aria-disabled={busy}>
        {submit}
      </button>
      {cancelTo ? (
        <Link to={cancelTo} className="btn btn-ghost">
          Cancel
        </Link>
      ) : null}
    </div>
  );
}
