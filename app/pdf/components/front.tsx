import { Text, View } from "@react-pdf/renderer";
import type { AgreementDocument } from "../document-data";
import { Facts } from "./blocks";
import { ContentPage, type FrameInfo } from "./frame";
import { COLOR, DISPLAY_FEATURES } from "./styles";

export interface ContentsEntry {
  number: string;
  title: string;
  /** The page it starts on, when known. */
  page: number | null;
}

const statusColors = (doc: AgreementDocument) =>
  doc.status === "agreed"
    ? { color: COLOR.good, backgroundColor: COLOR.goodSoft }
    : doc.status === "rejected"
      ? { color: COLOR.bad, backgroundColor: COLOR.badSoft }
      : { color: COLOR.warn, backgroundColor: COLOR.warnSoft };

export function CoverPage({ doc, frame }: { doc: AgreementDocument; frame: FrameInfo }) {
  const { service, version } = doc;
  return (
    <ContentPage single>
      <View style={{ marginTop: 40, paddingLeft: 14, borderLeftWidth: 3, borderLeftColor: COLOR.accent }}>
        <Text style={{ fontSize: 9, fontWeight: 600, color: COLOR.accent, letterSpacing: 1.2, textTransform: "uppercase" }}>{doc.workspace}</Text>
        <Text style={{ fontSize: 11, color: COLOR.muted, marginTop: 2 }}>Service definition</Text>
        <Text style={{ fontSize: 30, fontWeight: 700, color: COLOR.accent, lineHeight: 1.15, marginTop: 18, fontFeatureSettings: DISPLAY_FEATURES, maxLines: 3, textOverflow: "ellipsis" }}>{service.name}</Text>
        <View style={{ flexDirection: "row", alignItems: "center", marginTop: 12 }}>
          <Text style={{ fontSize: 13, fontWeight: 600, marginRight: 10 }}>Version {version.number}</Text>
          <Text style={{ fontSize: 8.5, fontWeight: 600, paddingVertical: 2.5, paddingHorizontal: 7, borderRadius: 3, ...statusColors(doc) }}>{frame.statusLabel}</Text>
        </View>
        <Text style={{ fontSize: 10, color: COLOR.muted, marginTop: 6 }}>{doc.date}</Text>
      </View>

      <View style={{ marginTop: 42 }}>
        <Facts
          maxLines={3}
          rows={[
            ["Consuming units", doc.units.length ? doc.units.join(", ") : "None recorded."],
            ["Workspace", doc.workspace],
            ["Kind", service.kind],
            ["Provider", [service.provider, service.deliveryModel].filter(Boolean).join(" — ") || "Not named"],
            ["Service owner", `${service.owner.name}, ${service.owner.title}${service.owner.contact ? ` (${service.owner.contact})` : ""}`],
            ["Agreement", service.agreement ?? "None recorded."],
            ["Lifecycle", service.lifecycle],
            ["Criticality", service.criticality],
            ["Review", service.review ?? "None recorded."],
            ["This version", `Version ${version.number}, made ${version.createdAt}${version.createdBy ? ` by ${version.createdBy}` : ""}`],
          ]}
        />
      </View>

      <View style={{ marginTop: 28, padding: 12, backgroundColor: COLOR.zebra, borderRadius: 3 }} wrap={false}>
        <Text style={{ fontSize: 8.5, fontWeight: 600, color: COLOR.accent, marginBottom: 3 }}>About this copy</Text>
        <Text style={{ fontSize: 8.5, color: COLOR.muted }}>
          {doc.status === "agreed"
            ? "This is the agreed text of the service definition, as signed off by the people named in the sign-off section."
            : "This copy has not been agreed: its text may still change, and it commits no one until it is signed off."}{" "}
          The content hash printed at the foot of every page identifies this exact text. Scan the code or open the link beside it to check this copy
          against Charter’s record.
        </Text>
      </View>
    </ContentPage>
  );
}

export function ContentsPage({ entries }: { entries: ContentsEntry[] }) {
  return (
    <ContentPage single>
      <Text style={{ fontSize: 18, fontWeight: 700, color: COLOR.accent, marginBottom: 14, fontFeatureSettings: DISPLAY_FEATURES }}>Contents</Text>
      <View style={{ borderTopWidth: 1, borderTopColor: COLOR.accent }}>
        {entries.map((e) => (
          <View key={e.number + e.title} style={{ flexDirection: "row", paddingVertical: 5.5, borderBottomWidth: 0.5, borderBottomColor: COLOR.rule }} wrap={false}>
            <Text style={{ width: 34, fontWeight: 600, color: COLOR.accent }}>{e.number}</Text>
            <Text style={{ flex: 1 }}>{e.title}</Text>
            <Text style={{ width: 40, textAlign: "right", color: COLOR.muted }}>{e.page ?? ""}</Text>
          </View>
        ))}
      </View>
    </ContentPage>
  );
}
