import { Text, View } from "@react-pdf/renderer";
import type { TraceRow } from "../document-data";
import { None, SectionHeading } from "./blocks";
import { COLOR, s } from "./styles";

export const APPENDIX_SECTION = { number: "A", title: "Traceability: clause, need, and the words behind it" };

const WIDTH = { quote: "60%", who: "40%" } as const;

export interface NeedGroup {
  need: string;
  rows: TraceRow[];
}

export interface ClauseGroup {
  clause: string;
  needs: NeedGroup[];
}

/** Items grouped by key, groups in the order their keys first appear. */
function groupBy<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups];
}

/** The appendix's rows as the chain reads: each clause, the needs it answers, the quotes behind each need. */
export function groupTrace(rows: TraceRow[]): ClauseGroup[] {
  return groupBy(rows, (r) => r.clause).map(([clause, list]) => ({
    clause,
    needs: groupBy(list, (r) => r.need).map(([need, quotes]) => ({ need, rows: quotes })),
  }));
}

/** "N-12 Statement" with its reference picked out. */
function NeedLabel({ need }: { need: string }) {
  const match = /^([A-Z]+-\d+)\s+(.*)$/su.exec(need);
  return (
    <Text style={{ fontSize: 7.8, lineHeight: 1.35, color: COLOR.ink, maxLines: 3, textOverflow: "ellipsis" }}>
      <Text style={{ color: COLOR.muted }}>Answers </Text>
      {match ? (
        <>
          <Text style={s.needRef}>{match[1]}</Text>
          {` ${match[2]}`}
        </>
      ) : (
        need
      )}
    </Text>
  );
}

const cell = { paddingVertical: 3.5, paddingHorizontal: 5 } as const;
/** Needs and their quotes sit in from the clause. */
const INDENT = 17;

/*
 * A clause and a need each head a block whose heading is `fixed`: it repeats at the top of every
 * page the block runs onto, so a page of quotes always says what they support. Headings have
 * minPresenceAhead and no block has a top edge, so a heading never ends a page on its own.
 */
function Need({ group }: { group: NeedGroup }) {
  return (
    <View>
      <View fixed wrap={false} minPresenceAhead={20} style={{ paddingTop: 4, paddingBottom: 1, paddingLeft: INDENT, paddingRight: 5 }}>
        <NeedLabel need={group.need} />
      </View>
      {group.rows.map((row, i) => (
        <View key={i} wrap={false} style={{ flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: COLOR.rule, fontSize: 7.6, lineHeight: 1.35 }}>
          <Text style={[cell, { width: WIDTH.quote, paddingLeft: INDENT, fontStyle: "italic" }]}>{`“${row.quote}”`}</Text>
          {/* One run of text rather than two styles: a tenth of the appendix's layout time. */}
          <Text style={[cell, { width: WIDTH.who }]}>{`${row.stakeholder} · ${row.survey && row.interviewDate ? `${row.survey} (survey), ${row.interviewDate}` : row.interviewDate ? `interviewed ${row.interviewDate}` : "not from an interview"}`}</Text>
        </View>
      ))}
    </View>
  );
}

function Clause({ group }: { group: ClauseGroup }) {
  return (
    <View>
      <View fixed wrap={false} minPresenceAhead={36} style={{ paddingVertical: 4, paddingHorizontal: 5, backgroundColor: COLOR.zebra, borderBottomWidth: 0.5, borderBottomColor: COLOR.rule }}>
        <Text style={{ fontSize: 8, fontWeight: 600, color: COLOR.accent, lineHeight: 1.35, maxLines: 3, textOverflow: "ellipsis" }}>{group.clause}</Text>
      </View>
      {group.needs.map((n) => (
        <Need key={n.need} group={n} />
      ))}
    </View>
  );
}

/** The traceability appendix: every clause, the needs it answers, and the words each need came from. */
export function Appendix({ rows }: { rows: TraceRow[] }) {
  const groups = groupTrace(rows);
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
            <Text style={[s.th, { width: WIDTH.quote }]}>Clause, need, and what was said</Text>
            <Text style={[s.th, { width: WIDTH.who }]}>Who said it, and when</Text>
          </View>
          {groups.map((g) => (
            <Clause key={g.clause} group={g} />
          ))}
        </View>
      ) : (
        <None />
      )}
    </View>
  );
}
