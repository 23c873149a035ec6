import type { FormChoice, FormRegister } from "./forms";
import { Field, SelectField, type Option } from "./ui/field";
import { LEVEL_LABELS, STAKEHOLDER_LEVELS } from "../domain/stakeholder";

const levelOptions: Option[] = STAKEHOLDER_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }));

export function StakeholderFields({
  register,
  errorFor,
  units,
}: {
  register: FormRegister;
  errorFor: (name: string) => string | undefined;
  units: Option[];
}) {
  return (
    <>
      <Field label="Name" error={errorFor("name")} {...register("name")} />
      <Field label="Job title" optional error={errorFor("title")} {...register("title")} />
      <SelectField
        label="Level"
        options={levelOptions}
        placeholder="Choose a level"
        help="How senior they are: it helps balance whom you interview."
        error={errorFor("level")}
        {...register("level")}
      />
      <SelectField label="Business unit" options={units} placeholder="Choose a unit" error={errorFor("businessUnitId")} {...register("businessUnitId")} />
      <Field
        label="Email"
        type="email"
        optional
        help="For invitations. Stakeholders do not sign in to Charter."
        error={errorFor("email")}
        {...register("email")}
      />
    </>
  );
}

interface ChecklistPerson {
  id: string;
  name: string;
  title: string;
  unitName: string;
}

/**
 * Stakeholders to tick, grouped by unit. `unavailable` greys out (with its reason) anyone who
 * cannot be chosen; the form's values say who starts ticked.
 */
export function PeopleChecklist<P extends ChecklistPerson>({
  people,
  choice,
  name = "stakeholderIds",
  unavailable,
}: {
  people: P[];
  choice: FormChoice;
  name?: string;
  unavailable?: (person: P) => string | null;
}) {
  const byUnit = new Map<string, P[]>();
  for (const p of people) byUnit.set(p.unitName, [...(byUnit.get(p.unitName) ?? []), p]);
  return (
    <>
      {[...byUnit].map(([unit, members]) => (
        <div key={unit}>
          <p className="checklist-group">{unit}</p>
          {members.map((p) => {
            const why = unavailable?.(p) ?? null;
            return (
              <label key={p.id}>
                <input type="checkbox" disabled={why !== null} {...choice(name, p.id)} />
                <span>
                  {p.name} <span className="muted">{p.title}</span>
                  {why ? <span className="muted"> · {why}</span> : null}
                </span>
              </label>
            );
          })}
        </div>
      ))}
    </>
  );
}
