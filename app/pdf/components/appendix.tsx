import { Text, View } from "@react-pdf/renderer";
import type { TraceRow } from "../document-data";
import { None, SectionHeading } from "./blocks";
import { COLOR, s } from "./styles";

export const APPENDIX_SECTION = { number: "A", title: "Traceability: clause, need, and the words behind it" };

const WIDTH = { need: "27%", quote: "43%", who: "30%" } as const;

export interface ClauseGroup {
  clause: string;
  rows: TraceRow[];
}

/** Rows under the clause they support, clauses in the order they first appear. */
export function groupByClause(rows: TraceRow[]): ClauseGroup[] {
  const groups = new Map<string, TraceRow[]>();
  for (const row of rows) {
    const list = groups.get(row.clause);
    if (list) list.push(row);
    else groups.set(row.clause, [row]);
  }
  return [...groups].map(([clause, list]) => ({ clause, rows: list }));
}

const cell = { paddingVertical: 3.5, paddingHorizontal: 5 } as const;

function Group({ group }: { group: ClauseGroup }) {
  return (
    <View>
      {/* Repeated at the top of each page the clause's quotes run onto. */}
      <View fixed wrap={false} minPresenceAhead={40} style={{ paddingVertical: 4, paddingHorizontal: 5, backgroundColor: COLOR.zebra, borderBottomWidth: 0.5, borderBottomColor: COLOR.rule }}>
        <Text style={{ fontSize: 8, fontWeight: 600, color: COLOR.accent, lineHeight: 1.35, maxLines: 3, textOverflow: "ellipsis" }}>{group.clause}</Text>
      </View>
      {group.rows.map((row, i) => {
        const sameNeed = i > 0 && group.rows[i - 1]!.need === row.need;
        return (
          <View key={i} wrap={false} style={{ flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: COLOR.rule, fontSize: 7.6, lineHeight: 1.35 }}>
            {sameNeed ? (
              <Text style={[cell, { width: WIDTH.need, color: COLOR.faint, fontStyle: "italic" }]}>As above</Text>
            ) : (
              <Text style={[cell, { width: WIDTH.need, maxLines: 4, textOverflow: "ellipsis" }]}>{row.need}</Text>
            )}
            <Text style={[cell, { width: WIDTH.quote, fontStyle: "italic" }]}>“{row.quote}”</Text>
            <Text style={[cell, { width: WIDTH.who }]}>
              {row.stakeholder}
              {"\n"}
              <Text style={{ color: COLOR.muted }}>{row.interviewDate ? `Interviewed ${row.interviewDate}` : "Not from an interview"}</Text>
            </Text>
          </View>
        );
      })}
    </View>
  );
}

/** The traceability appendix: every clause, the need it answers, and the words the need came from. */
export function Appendix({ rows }: { rows: TraceRow[] }) {
  const groups = groupByClause(rows);
  return (
    <View>
      <SectionHeading {...APPENDIX_SECTION} />
      <Text style={s.intro}>
        Each clause of the definition, the needs it answers, and what stakeholders said that each need came from
        {rows.length ? ` (${rows.length} ${rows.length === 1 ? "quote" : "quotes"})` : ""}.
      </Text>
      {groups.length ? (
        <View style={s.table}>
          <View style={s.thead} fixed wrap={false} minPresenceAhead={24}>
            <Text style={[s.th, { width: WIDTH.need }]}>Need</Text>
            <Text style={[s.th, { width: WIDTH.quote }]}>What was said</Text>
            <Text style={[s.th, { width: WIDTH.who }]}>Who said it, and when</Text>
          </View>
          {groups.map((g) => (
            <Group key={g.clause} group={g} />
          ))}
        </View>
      ) : (
        <None />
      )}
    </View>
  );
}
