import { Text, View } from "@react-pdf/renderer";
import { Fragment, type ReactNode } from "react";
import type { AgreementDocument, ServiceLevelRow, ServiceLevelTable, SupportingServiceRow, AnsweredNeed } from "../document-data";
import { ClauseList, NONE, None, Prose, SectionHeading, SubHeading, Table, type Column } from "./blocks";
import { s } from "./styles";

/** One numbered section of the definition: its heading, and what goes under it. */
export interface SectionDef {
  key: string;
  number: string;
  title: string;
  body: (doc: AgreementDocument) => ReactNode;
}

const levelColumns: Column<ServiceLevelRow>[] = [
  { title: "Level", width: 16, cell: (r) => <Text style={s.strong}>{r.label}</Text> },
  { title: "Measure", width: 30, cell: (r) => r.measure },
  {
    title: "Target",
    width: 14,
    cell: (r) => (
      <>
        <Text style={s.strong}>{r.target}</Text>
        <Text style={[s.small, s.muted]}>{r.kind}</Text>
      </>
    ),
  },
  { title: "How it is measured", width: 27, cell: (r) => <Text style={s.small}>{r.howMeasured}</Text> },
  {
    title: "Needs",
    width: 13,
    cell: (r) => (r.needs.length ? <Text style={[s.small, s.needRef]}>{r.needs.map((n) => n.ref).join(", ")}</Text> : <Text style={[s.small, s.muted]}>—</Text>),
  },
];

// Headings and what follows them are siblings, not wrapped in a View of their own: react-pdf keeps
// a heading with the content after it (minPresenceAhead) only among siblings it can break between.
function LevelTable({ table, number }: { table: ServiceLevelTable; number: string }) {
  return (
    <>
      <SubHeading note={table.when}>{`${number} ${table.title}`}</SubHeading>
      <Table columns={levelColumns} rows={table.rows} rowKey={(r) => r.id} />
    </>
  );
}

const supportingColumns: Column<SupportingServiceRow>[] = [
  { title: "Supporting service", width: 24, cell: (r) => <Text style={s.strong}>{r.name}</Text> },
  {
    title: "Provider",
    width: 22,
    cell: (r) =>
      r.provider ? (
        <>
          <Text>{r.provider}</Text>
          {r.providerKind ? <Text style={[s.small, s.muted]}>{r.providerKind}</Text> : null}
        </>
      ) : (
        <Text style={s.none}>Not named</Text>
      ),
  },
  { title: "Owner", width: 24, cell: (r) => r.owner },
  { title: "Agreement", width: 30, cell: (r) => (r.agreement ? <Text style={s.small}>{r.agreement}</Text> : <Text style={[s.small, s.none]}>None recorded</Text>) },
];

const needColumns: Column<AnsweredNeed>[] = [
  {
    title: "Need",
    width: 52,
    cell: (n) => (
      <Text>
        <Text style={s.needRef}>{n.ref}</Text>
        {` ${n.statement}`}
      </Text>
    ),
  },
  { title: "Status", width: 12, cell: (n) => n.status },
  { title: "Rank", width: 36, cell: (n) => (n.rank ? <Text style={s.small}>{n.rank}</Text> : <Text style={[s.small, s.none]}>Not ranked</Text>) },
];

const text = (value: string | null | undefined, render: (v: string) => ReactNode = (v) => <Prose text={v} />) => (value && value.trim() ? render(value) : <None />);

/** The definition's sections, in the order the document prints them. */
export const DEFINITION_SECTIONS: SectionDef[] = [
  { key: "purpose", number: "1", title: "Purpose", body: (d) => text(d.purpose) },
  { key: "outcomes", number: "2", title: "Business outcomes it enables", body: (d) => <ClauseList clauses={d.outcomes} /> },
  {
    key: "consumers",
    number: "3",
    title: "Consumers",
    body: (d) => (
      <Table
        columns={[
          { title: "Business unit", width: 26, cell: (c) => <Text style={s.strong}>{c.unit}</Text> },
          { title: "Spoken for by", width: 36, cell: (c) => c.spokesperson || <Text style={s.none}>Not named</Text> },
          { title: "Note", width: 38, cell: (c) => c.note || <Text style={s.muted}>—</Text> },
        ]}
        rows={d.consumers}
        rowKey={(c, i) => c.unit + i}
      />
    ),
  },
  {
    key: "scope",
    number: "4",
    title: "Scope",
    body: (d) => (
      <>
        <SubHeading>4.1 In scope</SubHeading>
        <ClauseList clauses={d.scopeIn} />
        <SubHeading>4.2 Not in scope</SubHeading>
        <ClauseList clauses={d.scopeOut} />
      </>
    ),
  },
  {
    key: "hours",
    number: "5",
    title: "Hours and coverage",
    body: (d) => {
      const { summary, timeZone, coverage, holidays } = d.hours;
      if (!summary.trim() && !coverage.length && !holidays.trim()) return <None />;
      return (
        <>
          {summary.trim() ? <Prose text={summary} /> : null}
          <View style={s.facts}>
            <View style={[s.fact, s.firstFact]} wrap={false}>
              <Text style={s.factKey}>Covered hours</Text>
              <View style={s.factValue}>{coverage.length ? coverage.map((c) => <Text key={c}>{c}</Text>) : <None />}</View>
            </View>
            <View style={s.fact} wrap={false}>
              <Text style={s.factKey}>Time zone</Text>
              <Text style={s.factValue}>{timeZone || "—"}</Text>
            </View>
            <View style={s.fact} wrap={false}>
              <Text style={s.factKey}>Holidays</Text>
              <Text style={s.factValue}>{holidays.trim() || NONE}</Text>
            </View>
          </View>
        </>
      );
    },
  },
  {
    key: "periods",
    number: "6",
    title: "Critical business periods",
    body: (d) => (
      <ClauseList
        clauses={d.criticalPeriods}
        lead={(c) => {
          const p = d.criticalPeriods.find((x) => x.id === c.id);
          return p ? (
            <Text>
              <Text style={s.strong}>{p.name}</Text>
              <Text style={s.muted}> — {p.when}</Text>
            </Text>
          ) : null;
        }}
      />
    ),
  },
  {
    key: "levels",
    number: "7",
    title: "Service levels",
    body: (d) =>
      d.serviceLevels.length ? (
        <>
          <Text style={s.intro}>Normal time first, then one table for each critical period that sets its own levels. Needs are listed in full in section 11.</Text>
          {d.serviceLevels.map((t, i) => (
            <LevelTable key={t.title + i} table={t} number={`7.${i + 1}`} />
          ))}
        </>
      ) : (
        <None />
      ),
  },
  {
    key: "support",
    number: "8",
    title: "Support and escalation",
    body: (d) => (
      <>
        <SubHeading>8.1 Support</SubHeading>
        {text(d.support)}
        <SubHeading>8.2 Escalation</SubHeading>
        {text(d.escalation)}
      </>
    ),
  },
  {
    key: "provider",
    number: "9",
    title: "Costs and risks the provider carries",
    body: (d) => (
      <>
        <SubHeading>9.1 Costs</SubHeading>
        {text(d.providerCosts)}
        <SubHeading>9.2 Risks</SubHeading>
        {text(d.providerRisks)}
      </>
    ),
  },
  {
    key: "supporting",
    number: "10",
    title: "Supporting services",
    body: (d) => <Table columns={supportingColumns} rows={d.supporting} rowKey={(r, i) => r.name + i} />,
  },
  {
    key: "needs",
    number: "11",
    title: "Needs answered",
    body: (d) => (
      <>
        <Text style={s.intro}>The business needs this definition answers, with the rank each last reached in a prioritisation round.</Text>
        <Table columns={needColumns} rows={d.needs} rowKey={(n) => n.ref} />
      </>
    ),
  },
];

/** Sections under their headings, for a body part of the document. */
export function Sections({ doc, sections }: { doc: AgreementDocument; sections: SectionDef[] }) {
  return (
    <>
      {sections.map((sec) => (
        <Fragment key={sec.key}>
          <SectionHeading number={sec.number} title={sec.title} />
          {sec.body(doc)}
        </Fragment>
      ))}
    </>
  );
}

