import { IMPACT_LABELS } from "../../domain/guide";
import type { PeriodGroup, Respondent, TextAnswer } from "../../domain/survey-results";
import { BarChart } from "./results-bars";

/** Who said it, for a named survey; nothing at all for an anonymous one. */
function Attribution({ who }: { who: Respondent }) {
  if (!who) return null;
  return (
    <p className="sr-who">
      {who.name}, {who.unitName}
    </p>
  );
}

/** Every free-text answer, in full. */
export function TextAnswers({ texts, label }: { texts: readonly TextAnswer[]; label: string }) {
  return (
    <ul className="sr-texts" aria-label={label}>
      {texts.map((t, i) => (
        <li key={i} className="sr-text">
          <p className="sr-text-body">{t.text}</p>
          <Attribution who={t.who} />
        </li>
      ))}
    </ul>
  );
}

const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

/** Critical periods named, grouped by name (most named first), each mention with when, what it affects and its impact. */
export function PeriodGroups({ groups, answered, prompt }: { groups: readonly PeriodGroup[]; answered: number; prompt: string }) {
  const bars = groups.map((g) => ({ key: g.name, label: g.name, count: g.people, share: answered ? g.people / answered : 0 }));
  return (
    <>
      {groups.length > 1 ? <BarChart caption={`${prompt}: how many named each period`} bars={bars} labelHeader="Period" /> : null}
      <div className="sr-periods">
        {groups.map((g) => (
          <section key={g.name} className="sr-period" aria-label={g.name}>
            <h4 className="sr-period-name">
              {g.name} <span className="sr-period-count">named {times(g.mentions.length)}{g.people < g.mentions.length ? ` by ${g.people} ${g.people === 1 ? "person" : "people"}` : ""}</span>
            </h4>
            <p className="sr-impacts small">
              Impact:{" "}
              {g.impacts.map((c, i) => (
                <span key={c.impact}>
                  {i ? ", " : ""}
                  {IMPACT_LABELS[c.impact].toLowerCase()} {c.count}
                </span>
              ))}
            </p>
            <ul className="sr-mentions">
              {g.mentions.map((m, i) => (
                <li key={i}>
                  <span className={`sr-impact sr-impact-${m.impact}`}>{IMPACT_LABELS[m.impact]}</span> <strong>{m.when}</strong>
                  {m.affects ? <span className="muted"> · Affects: {m.affects}</span> : null}
                  {m.who ? (
                    <span className="sr-who-inline">
                      {" "}
                      — {m.who.name}, {m.who.unitName}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
