import type { FormRegister } from "./forms";
import { Field, SelectField, type Option } from "./ui/field";
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from "../domain/roles";

const roleOptions: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** The fields shared by "add a user" and "edit a user". */
export function UserFields({
  register,
  errorFor,
  units,
  withEmail,
}: {
  register: FormRegister;
  errorFor: (name: string) => string | undefined;
  units: Option[];
  withEmail: boolean;
}) {
  return (
    <>
      <Field label="Name" autoComplete="off" error={errorFor("name")} {...register("name")} />
      {withEmail ? (
        <Field
          label="Email"
          type="email"
          autoComplete="off"
          help="They sign in with this address."
          error={errorFor("email")}
          {...register("email")}
        />
      ) : null}
      <Field label="Job title" optional error={errorFor("title")} {...register("title")} />
      <SelectField
        label="Role"
        options={roleOptions}
        placeholder="Choose a role"
        help="One role per person. Admins can do everything."
        error={errorFor("role")}
        {...register("role")}
      />
      <details className="role-help small">
        <summary>What each role does</summary>
        <dl className="details">
          {ROLES.map((r) => (
            <div key={r} className="contents">
              <dt>{ROLE_LABELS[r]}</dt>
              <dd>{ROLE_DESCRIPTIONS[r]}</dd>
            </div>
          ))}
        </dl>
      </details>
      <SelectField
        label="Business unit"
        optional
        options={units}
        placeholder="No unit"
        help="Required for business leads: the unit whose needs they own."
        error={errorFor("businessUnitId")}
        {...register("businessUnitId")}
      />
    </>
  );
}
