import { Text, View } from "@react-pdf/renderer";
import type { AgreementDocument, SignoffDecision, SignoffPerson } from "../document-data";
import { Facts, None, SectionHeading } from "./blocks";
import { COLOR, s } from "./styles";

export const SIGNOFF_SECTION = { number: "12", title: "Sign-off" };

const decisionColors: Record<SignoffDecision, { color: string; backgroundColor: string }> = {
  Approved: { color: COLOR.good, backgroundColor: COLOR.goodSoft },
  Signed: { color: COLOR.good, backgroundColor: COLOR.goodSoft },
  Rejected: { color: COLOR.bad, backgroundColor: COLOR.badSoft },
  Waiting: { color: COLOR.warn, backgroundColor: COLOR.warnSoft },
  "Not yet asked": { color: COLOR.muted, backgroundColor: COLOR.zebra },
  Withdrawn: { color: COLOR.muted, backgroundColor: COLOR.zebra },
};

function Person({ person }: { person: SignoffPerson }) {
  return (
    <View style={{ flexDirection: "row", paddingVertical: 9, borderBottomWidth: 0.6, borderBottomColor: COLOR.rule }} wrap={false}>
      <View style={{ width: 92, flexShrink: 0 }}>
        <Text style={{ fontSize: 7.5, fontWeight: 600, color: COLOR.muted, textTransform: "uppercase", letterSpacing: 0.3 }}>{person.role}</Text>
      </View>
      <View style={{ flex: 1, paddingRight: 10 }}>
        <Text style={{ fontSize: 10.5, fontWeight: 600 }}>{person.name}</Text>
        <Text style={s.muted}>{person.title}</Text>
        {person.delegation ? <Text style={{ marginTop: 3, fontSize: 8, color: COLOR.muted }}>{person.delegation}</Text> : null}
        {person.comment ? (
          <Text style={{ marginTop: 5, paddingLeft: 8, borderLeftWidth: 2, borderLeftColor: COLOR.rule, fontStyle: "italic" }}>{`“${person.comment}”`}</Text>
        ) : null}
      </View>
      <View style={{ width: 128, flexShrink: 0, alignItems: "flex-end" }}>
        <Text style={{ fontSize: 8.5, fontWeight: 600, paddingVertical: 2, paddingHorizontal: 7, borderRadius: 3, ...decisionColors[person.decision] }}>{person.decision}</Text>
        <Text style={{ marginTop: 4, fontSize: 8, color: COLOR.muted, textAlign: "right" }}>{person.at ?? "No decision yet"}</Text>
      </View>
    </View>
  );
}

/** Who submitted the version, and each approver's and signer's decision. */
export function Signoff({ doc }: { doc: AgreementDocument }) {
  const record = doc.signoff;
  return (
    <View>
      <SectionHeading {...SIGNOFF_SECTION} />
      {record ? (
        <>
          <Facts
            rows={[
              ["Submitted by", record.submittedBy],
              ["Submitted", record.submittedAt],
              ["Decisions due", record.due ?? "No date set"],
              ["Order", record.order],
              ["Message", record.message?.trim() ? record.message : <Text style={s.none}>None recorded.</Text>],
            ]}
          />
          <Text style={{ marginTop: 18, marginBottom: 4, fontSize: 10.5, fontWeight: 600, color: COLOR.accent }}>Approvers and signers</Text>
          {record.people.length ? record.people.map((p, i) => <Person key={p.name + i} person={p} />) : <None />}
        </>
      ) : (
        <None text={doc.signoffWithheld ? "Under sign-off. The decisions are shown to the people the request names." : "Not yet submitted for sign-off."} />
      )}
    </View>
  );
}
