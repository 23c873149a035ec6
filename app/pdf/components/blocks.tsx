import { Text, View } from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import { Fragment, type ReactNode } from "react";
import type { ClauseText, NeedRef } from "../document-data";
import { s } from "./styles";

export const NONE = "None recorded.";

/** The bookmark a section heading leaves in the PDF's outline; render.ts finds sections' pages by it. */
export const sectionBookmark = ({ number, title }: { number: string; title: string }) =>
  /^\d/.test(number) ? `${number}. ${title}` : `Appendix ${number}. ${title}`;

/** A numbered section heading that will not sit alone at the foot of a page. */
export function SectionHeading({ number, title }: { number: string; title: string }) {
  return (
    // react-pdf turns `bookmark` on any node into an outline entry; its types only allow it on Page.
    <View style={s.sectionHead} minPresenceAhead={30} wrap={false} {...({ bookmark: sectionBookmark({ number, title }) } as object)}>
      <Text style={s.sectionNumber}>{number}</Text>
      <Text style={s.sectionTitle}>{title}</Text>
    </View>
  );
}

export function SubHeading({ children, note }: { children: ReactNode; note?: string | null }) {
  return (
    <View minPresenceAhead={28} wrap={false}>
      <Text style={s.subHead}>
        {children}
        {note ? <Text style={s.subHeadNote}> — {note}</Text> : null}
      </Text>
    </View>
  );
}

export function None({ text = NONE }: { text?: string }) {
  return <Text style={[s.paragraph, s.none]}>{text}</Text>;
}

/** Free text as written: blank lines start paragraphs, single line breaks are kept. */
export function Prose({ text, style }: { text: string; style?: Style }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!paragraphs.length) return <None />;
  return (
    <>
      {paragraphs.map((p, i) => (
        <Text key={i} style={style ? [s.paragraph, style] : s.paragraph} orphans={2} widows={2}>
          {p}
        </Text>
      ))}
    </>
  );
}

export function NeedRefs({ needs, prefix = "Answers " }: { needs: NeedRef[]; prefix?: string }) {
  if (!needs.length) return null;
  return (
    <Text style={s.clauseNeeds}>
      {prefix}
      {needs.map((n, i) => (
        <Fragment key={n.ref + i}>
          <Text style={s.needRef}>{n.ref}</Text>
          {` ${n.statement}${i < needs.length - 1 ? "; " : ""}`}
        </Fragment>
      ))}
    </Text>
  );
}

/** Clauses as a list: label in the margin column, text beside it, the needs it answers below. */
export function ClauseList({ clauses, lead }: { clauses: ClauseText[]; lead?: (c: ClauseText) => ReactNode }) {
  if (!clauses.length) return <None />;
  return (
    <View>
      {clauses.map((c) => (
        <View key={c.id} style={s.clause} wrap={false}>
          <Text style={s.clauseLabel}>{c.label}</Text>
          <View style={s.clauseBody}>
            {lead ? lead(c) : null}
            <Text>{c.text}</Text>
            <NeedRefs needs={c.needs} />
          </View>
        </View>
      ))}
    </View>
  );
}

/** Label–value rows. `maxLines` clips long values where the page must not grow (the cover). */
export function Facts({ rows, maxLines }: { rows: [string, ReactNode][]; maxLines?: number }) {
  return (
    <View style={s.facts}>
      {rows.map(([key, value], i) => (
        <View key={key} style={i === 0 ? [s.fact, s.firstFact] : s.fact} wrap={false}>
          <Text style={s.factKey}>{key}</Text>
          <View style={s.factValue}>{typeof value === "string" ? <Text style={maxLines ? { maxLines, textOverflow: "ellipsis" } : undefined}>{value}</Text> : value}</View>
        </View>
      ))}
    </View>
  );
}

export interface Column<Row> {
  title: string;
  /** Share of the table's width, in percent. */
  width: number;
  cell: (row: Row, index: number) => ReactNode;
}

/**
 * A table whose header row repeats on every page it runs onto and whose rows never split.
 * `small` sets the denser type of the appendix.
 */
export function Table<Row>({ columns, rows, small = false, zebra = true, rowKey }: { columns: Column<Row>[]; rows: Row[]; small?: boolean; zebra?: boolean; rowKey: (row: Row, index: number) => string }) {
  if (!rows.length) return <None />;
  const cellStyle = small ? s.tdSmall : s.td;
  return (
    <View style={s.table}>
      {/* minPresenceAhead: the header row never ends a page without a row under it. */}
      <View style={s.thead} fixed wrap={false} minPresenceAhead={24}>
        {columns.map((c) => (
          <Text key={c.title} style={[s.th, { width: `${c.width}%` }]}>
            {c.title}
          </Text>
        ))}
      </View>
      {rows.map((row, i) => (
        <View key={rowKey(row, i)} style={zebra && i % 2 === 1 ? [s.tr, s.trZebra] : s.tr} wrap={false}>
          {columns.map((c) => {
            const content = c.cell(row, i);
            const style = [cellStyle, { width: `${c.width}%` }];
            // A plain string is its own cell: one node fewer to lay out than a Text in a View.
            return typeof content === "string" ? (
              <Text key={c.title} style={style}>
                {content}
              </Text>
            ) : (
              <View key={c.title} style={style}>
                {content}
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}
