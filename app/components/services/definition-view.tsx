import { Link } from "@remix-run/react";
import { DEFINITION_HELP, WEEKDAY_LABELS, type Definition } from "../../domain/definition";
import { needRef } from "../../domain/need";
import type { NeedInfo } from "../../models/service-detail.server";

/** The needs a clause answers, each with its latest rank: the chain clause → need → rank, one click from each. */
export function ClauseNeeds({ ids, needs }: { ids: readonly string[]; needs: Record<string, NeedInfo> }) {
  if (!ids.length) return null;
  return (
    <div className="clause-needs small">
      Answers{" "}
      {ids.map((id, i) => {
        const n = needs[id];
        return (
          <span key={id}>
            {i ? "; " : ""}
            {n ? (
              <>
                <Link to={`/needs/${id}`}>{needRef(n.number)}</Link>
                {n.rank ? <span className="muted"> (rank {n.rank.rank} of {n.rank.ranked})</span> : null}
              </>
            ) : (
              <span className="muted">a need no longer in the workspace</span>
            )}
          </span>
        );
      })}
    </div>
  );
}

const unitSuffix = (kind: string, target: string) => (kind === "percent" && !target.endsWith("%") ? "%" : kind === "minutes" ? " minutes" : kind === "hours" ? " hours" : "");

/** A definition as a business reader reads it, clause by clause, with the needs each answers. */
export function DefinitionView({ definition: d, needs, units }: { definition: Definition; needs: Record<string, NeedInfo>; units: Record<string, string> }) {
  const periodName = new Map(d.criticalPeriods.map((p) => [p.id, p.name]));
  const missing = <span className="muted">Not written yet</span>;
  return (
    <dl className="definition">
      <dt>Purpose</dt>
      <dd>{d.purpose || missing}</dd>
      <dt>Business outcomes it enables</dt>
      <dd>
        {d.outcomes.length ? (
          <ul className="clause-list">
            {d.outcomes.map((o) => (
              <li key={o.id}>
                {o.text}
                <ClauseNeeds ids={o.needIds} needs={needs} />
              </li>
            ))}
          </ul>
        ) : (
          missing
        )}
      </dd>
      <dt>Consumers</dt>
      <dd>
        {d.consumers.length ? (
          <ul className="clause-list">
            {d.consumers.map((c) => (
              <li key={c.unitId}>
                {units[c.unitId] ?? "A unit no longer in the workspace"}
                {c.spokesperson ? `, spoken for by ${c.spokesperson}` : ""}
                {c.note ? <span className="muted"> — {c.note}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          missing
        )}
      </dd>
      <dt>Scope</dt>
      <dd>
        {d.scopeIn.length || d.scopeOut.length ? (
          <div className="grid-2">
            <div>
              <strong className="small">In scope</strong>
              <ul className="clause-list">
                {d.scopeIn.map((c) => (
                  <li key={c.id}>
                    {c.text}
                    <ClauseNeeds ids={c.needIds} needs={needs} />
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <strong className="small">Not in scope</strong>
              <ul className="clause-list">
                {d.scopeOut.map((c) => (
                  <li key={c.id}>{c.text}</li>
                ))}
              </ul>
            </div>
          </div>
        ) : (
          missing
        )}
      </dd>
      <dt>Hours of service</dt>
      <dd>
        {d.hours.summary || d.hours.coverage.length ? (
          <>
            {d.hours.summary ? <p>{d.hours.summary}</p> : null}
            {d.hours.coverage.length ? (
              <p className="small">
                {d.hours.coverage.map((c) => `${WEEKDAY_LABELS[c.day]} ${c.from}–${c.to}`).join(" · ")} ({d.hours.timeZone})
              </p>
            ) : null}
            {d.hours.holidays ? <p className="small muted">Holidays: {d.hours.holidays}</p> : null}
          </>
        ) : (
          missing
        )}
      </dd>
      <dt>Critical business periods</dt>
      <dd>
        {d.criticalPeriods.length ? (
          <ul className="clause-list">
            {d.criticalPeriods.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>: {p.when}
                <ClauseNeeds ids={p.needIds} needs={needs} />
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">None named</span>
        )}
      </dd>
      <dt>Service levels</dt>
      <dd>
        {d.serviceLevels.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Service levels</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Measure</th>
                  <th scope="col">Target</th>
                  <th scope="col">How it is measured</th>
                </tr>
              </thead>
              <tbody>
                {d.serviceLevels.map((l) => (
                  <tr key={l.id}>
                    <td>{l.period ? (periodName.get(l.period) ?? "A critical period") : "Normal time"}</td>
                    <td>
                      {l.measure}
                      <ClauseNeeds ids={l.needIds} needs={needs} />
                    </td>
                    <td>
                      {l.target}
                      {unitSuffix(l.kind, l.target)}
                    </td>
                    <td>{l.howMeasured}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          missing
        )}
      </dd>
      <dt>Support and escalation</dt>
      <dd>
        {d.support || d.escalation ? (
          <>
            {d.support ? <p className="pre-line">{d.support}</p> : null}
            {d.escalation ? <p className="pre-line small">{d.escalation}</p> : null}
          </>
        ) : (
          missing
        )}
      </dd>
      <dt>What the provider carries</dt>
      <dd>
        {d.providerCosts || d.providerRisks ? (
          <>
            {d.providerCosts ? <p className="pre-line">Costs: {d.providerCosts}</p> : null}
            {d.providerRisks ? <p className="pre-line">Risks: {d.providerRisks}</p> : null}
          </>
        ) : (
          <span className="muted" title={DEFINITION_HELP.providerOwns}>
            Not written yet
          </span>
        )}
      </dd>
    </dl>
  );
}
