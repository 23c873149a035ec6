import { Badge } from "../ui/badge";

export const ROUND_STATUS_LABELS = { draft: "Draft", open: "Open for scoring", closed: "Closed" } as const;
const TONES = { draft: "neutral", open: "info", closed: "success" } as const;

export function RoundStatusBadge({ status }: { status: keyof typeof ROUND_STATUS_LABELS }) {
  return <Badge tone={TONES[status]}>{ROUND_STATUS_LABELS[status]}</Badge>;
}
