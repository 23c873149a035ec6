import type {
  AgreementDocument,
  AnsweredNeed,
  ClauseText,
  DocumentStatus,
  NeedRef,
  ServiceLevelRow,
  TraceRow,
} from "../../app/pdf/document-data";

/**
 * A service document as the gathering step would hand it to the renderer: Branch Banking at
 * Meridian, with a Saturday opening and a month-end critical period, a sign-off under way or
 * done, and text that trips careless layouts (accents, curly quotes, dashes, ≥, markup).
 *
 * `pad: true` grows it to about twenty pages: 200 quotes in the traceability appendix and more
 * outcomes and service levels, the size a performance budget is set against.
 */
export interface SampleOptions {
  status?: DocumentStatus;
  pad?: boolean;
}

export const SAMPLE_HASH = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
export const SAMPLE_VERIFY_URL = "https://charter.meridian.example/verify/9f2c4e7a1b3d5f60";
export const TRICKY = "Café opening ≥ 99.5% – “customer’s” <script>alert(1)</script>";

const NEED_STATEMENTS = [
  "Branches open new current accounts on the day, including on Saturdays",
  "Tellers see a customer’s full relationship before serving them",
  "Cash deposits are credited to the customer’s account within the hour",
  "Branch systems stay up during month-end salary runs",
  "Staff can print cheque books and debit-card PINs in branch",
  "Queue times are visible to the branch manager in real time",
  "A failed teller terminal is replaced by the next working morning",
  "Anti-money-laundering checks do not hold up account opening by more than 10 minutes",
  "Customer complaints raised in branch reach the complaints team the same day",
  "Branch staff can escalate a system fault to a named person, not a queue",
  "Foreign-currency orders placed in branch arrive within two working days",
  `Accessibility aids (hearing loops, large-print forms) are maintained – ${TRICKY}`,
];

const STAKEHOLDERS = [
  "Priya Shah, Branch Manager, Retail Banking",
  "Tomás Ibáñez, Head of Branch Network, Retail Banking",
  "Aoife O’Connell, Operations Lead, Operations",
  "Kwame Mensah, Teller Supervisor, Retail Banking",
  "Hélène Dubois, Customer Experience Manager, Retail Banking",
  "Sanjay Patel, Financial Crime Officer, Risk & Compliance",
];

const QUOTES = [
  "On a Saturday we lose customers who came in to open an account because the system says ‘come back Monday’.",
  "I need to see everything they hold with us before I sit down with them — mortgage, savings, the lot.",
  "When the salary run hits at month-end the terminals crawl; we’ve had queues out of the door.",
  "If a terminal dies on a Friday, we’re a teller down until Tuesday. That’s not acceptable.",
  "The AML check is the bottleneck: 25 minutes is normal, 40 minutes isn’t unusual.",
  "Give me one named person to ring when it breaks. Logging a ticket and waiting doesn’t help a queue of twenty.",
  "Customers with hearing aids rely on the loop; when it fails nobody notices for weeks.",
  "Currency orders should arrive in ≤ 2 days; today it’s 3–5 and customers complain.",
];

const ordinal = (n: number) => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${s}`;
};

const needRef = (i: number): NeedRef => ({ ref: `N-${i + 1}`, statement: NEED_STATEMENTS[i % NEED_STATEMENTS.length]! });

function clause(prefix: string, kind: string, i: number, text: string, needIdx: number[]): ClauseText {
  return { id: `${prefix}-${i + 1}`, label: `${kind} ${i + 1}`, text, needs: needIdx.map(needRef) };
}

const OUTCOMES = [
  "Customers open a current account in branch and leave with a working debit card, on weekdays and Saturdays.",
  "Tellers serve each customer with their full relationship in view, so no one is asked the same question twice.",
  "Cash paid in at a counter is in the customer’s balance within the hour.",
  "Branches keep serving through month-end salary runs without queues building up.",
  "A branch that loses a terminal is back to full strength by the next working morning.",
  `A customer’s complaint made in branch reaches the complaints team the same day – ${TRICKY}`,
];

const SCOPE_IN = [
  "Teller and counter systems in all 84 Meridian branches, including the cash recyclers.",
  "Account opening in branch, from identity check to debit-card issue.",
  "Branch queue management screens and the manager’s dashboard.",
  "Replacement of failed branch hardware (terminals, printers, card and PIN printers).",
  "First-line support for branch staff, by telephone and chat, during branch opening hours.",
];

const SCOPE_OUT = [
  "Online and mobile banking (provided by Digital Channels).",
  "ATMs outside branch premises, which Cash Logistics runs with its supplier.",
  "The core banking ledger itself; this service depends on it (see Supporting services).",
];

function serviceLevelRows(prefix: string, count: number, targets: string[]): ServiceLevelRow[] {
  const base: Omit<ServiceLevelRow, "id" | "label" | "target">[] = [
    { measure: "Teller system availability during branch opening hours", kind: "Percentage", howMeasured: "Synthetic transaction every 5 minutes from three branches; monthly report.", needs: [needRef(3)] },
    { measure: "Account opening, identity check to debit card in hand", kind: "Minutes", howMeasured: "Timestamps in the account-opening workflow, 90th percentile, monthly.", needs: [needRef(0), needRef(7)] },
    { measure: "Cash deposit credited to the customer’s balance", kind: "Minutes", howMeasured: "Deposit time against ledger posting time, 95th percentile.", needs: [needRef(2)] },
    { measure: "Failed terminal replaced", kind: "Hours", howMeasured: "Fault logged to replacement confirmed by the branch manager.", needs: [needRef(6)] },
    { measure: "Branch support call answered", kind: "Seconds", howMeasured: "Telephony platform report; calls abandoned under 5 s not counted.", needs: [needRef(9)] },
    { measure: "Queue screen data latency", kind: "Seconds", howMeasured: "Difference between ticket issue time and dashboard time, sampled hourly.", needs: [needRef(5)] },
  ];
  return Array.from({ length: count }, (_, i) => {
    const b = base[i % base.length]!;
    return { ...b, id: `${prefix}-${i + 1}`, label: `Service level ${i + 1}`, target: targets[i % targets.length]! };
  });
}

/** Quotes grouped by the clause they support, as the gathering step orders them. */
function trace(count: number, clauses: ClauseText[]): TraceRow[] {
  return Array.from({ length: count }, (_, i) => {
    const c = clauses[Math.floor((i * clauses.length) / count)]!;
    const need = c.needs.length ? c.needs[Math.floor(i / 3) % c.needs.length]! : needRef(i % NEED_STATEMENTS.length);
    const day = 5 + (i % 20);
    return {
      clause: `${c.label} — ${c.text}`,
      need: `${need.ref} ${need.statement}`,
      quote: QUOTES[i % QUOTES.length]!,
      stakeholder: STAKEHOLDERS[i % STAKEHOLDERS.length]!,
      interviewDate: i % 11 === 10 ? null : `${day} October 2026`,
    };
  });
}

export function sampleDocument({ status = "agreed", pad = false }: SampleOptions = {}): AgreementDocument {
  const outcomeTexts = pad ? [...OUTCOMES, ...OUTCOMES.map((t) => `${t} (Also for the business-banking desks.)`)] : OUTCOMES;
  const outcomes = outcomeTexts.map((t, i) => clause("out", "Outcome", i, t, [i % 12, (i + 7) % 12]));
  const scopeIn = SCOPE_IN.map((t, i) => clause("in", "In scope", i, t, [(i + 1) % 12]));
  const scopeOut = SCOPE_OUT.map((t, i) => clause("out-of", "Not in scope", i, t, []));
  const criticalPeriods = [
    { ...clause("cp", "Critical period", 0, "Branches that open on Saturday serve account opening and cash as on a weekday.", [0]), name: "Saturday opening", when: "Every Saturday, 09:00–13:00" },
    { ...clause("cp", "Critical period", 1, "Salary credits and standing orders peak; counters see twice the usual traffic.", [3]), name: "Month-end", when: "Last two working days of each month and the first working day after" },
  ];
  const levelCount = pad ? 12 : 6;
  const agreed = status === "agreed";
  const needs: AnsweredNeed[] = NEED_STATEMENTS.map((statement, i) => ({
    ref: `N-${i + 1}`,
    statement,
    status: i < 9 ? "Answered" : "Open",
    rank: i === 11 ? null : `${ordinal(i + 1)} of 14 — Branch and back-office priorities, autumn 2026`,
  }));

  return {
    status,
    date: "23 November 2026",
    workspace: "Meridian Bank",
    verifyUrl: SAMPLE_VERIFY_URL,
    version: { number: 3, contentHash: SAMPLE_HASH, createdAt: "20 November 2026, 16:42 UTC", createdBy: "Marta Kowalczyk" },
    service: {
      name: "Branch Banking",
      kind: "Business service",
      provider: "Retail Technology",
      deliveryModel: "Run in house, hardware maintained under contract",
      owner: { name: "Marta Kowalczyk", title: "IT Relationship Manager, Retail", contact: "marta.kowalczyk@meridian.example" },
      agreement: "Internal operational agreement OLA-7, 1 April 2026 to 31 March 2027",
      lifecycle: "Live",
      criticality: "Critical — customer-facing",
      review: "Every 6 months, next by 1 May 2027",
    },
    units: ["Retail Banking", "Operations", "Risk & Compliance"],
    consumers: [
      { unit: "Retail Banking", spokesperson: "Tomás Ibáñez, Head of Branch Network", note: "All 84 branches; 1,900 counter staff." },
      { unit: "Operations", spokesperson: "Aoife O’Connell, Operations Lead", note: "Back-office processing of branch work." },
      { unit: "Risk & Compliance", spokesperson: "Sanjay Patel, Financial Crime Officer", note: "" },
    ],
    purpose:
      "Branch Banking lets Meridian’s branches serve customers face to face: open accounts, take and pay out cash, and resolve problems on the spot. " +
      "It exists so that a customer who walks into a branch leaves with what they came for, on the day — including on Saturdays, when a third of new accounts are opened. " +
      `Targets in this document are written as the business measures them (e.g. availability ≥ 99.5% during opening hours, replacement in ≤ 16 hours). Text as entered: ${TRICKY}`,
    outcomes,
    scopeIn,
    scopeOut,
    hours: {
      summary: "Branch opening hours, plus one hour before opening for cash preparation.",
      timeZone: "Europe/London",
      coverage: ["Monday 08:00–18:00", "Tuesday 08:00–18:00", "Wednesday 08:00–18:00", "Thursday 08:00–18:00", "Friday 08:00–18:30", "Saturday 08:00–13:30"],
      holidays: "Closed on English bank holidays; the Saturday critical period applies to the Saturday before Easter.",
    },
    criticalPeriods,
    serviceLevels: [
      { title: "Normal time", when: null, rows: serviceLevelRows("sl", levelCount, ["99.5%", "20", "60", "16", "30", "10"]) },
      { title: "Saturday opening", when: "Every Saturday, 09:00–13:00", rows: serviceLevelRows("sl-sat", pad ? 6 : 3, ["99.8%", "15", "30", "4", "20", "5"]) },
      { title: "Month-end", when: "Last two working days of each month and the first working day after", rows: serviceLevelRows("sl-me", pad ? 6 : 2, ["99.9%", "20", "30", "8", "20", "5"]) },
    ],
    support:
      "First line: Branch Service Desk, 07:30–19:00 on branch days, telephone 0300 555 0142 or chat from the teller desktop.\n" +
      "Second line: Retail Technology on-call engineer, reached by the desk within 15 minutes.\n" +
      "Hardware: field engineers from the maintenance supplier, dispatched by the desk.",
    escalation:
      "1. Branch manager → Branch Service Desk team leader (immediately).\n" +
      "2. Team leader → Retail Technology duty manager after 30 minutes without a fix.\n" +
      "3. Duty manager → Head of Retail Technology and the Head of Branch Network when more than 5 branches are affected.",
    providerCosts:
      "Retail Technology carries the cost of spare terminals (a pool of 5% of the estate), the on-call rota and the maintenance contract; Retail Banking pays for consumables.",
    providerRisks:
      "Retail Technology owns the risk of hardware end-of-life (terminals reach end of support in 2028) and of the single card-printer supplier.",
    supporting: [
      { name: "Core Banking Ledger", provider: "Core Platforms", providerKind: "Internal", owner: "Li Wei, Core Platforms Service Owner", agreement: "Internal operational agreement OLA-2, ends 31 March 2027" },
      { name: "Identity Verification", provider: "VeriCheck Ltd", providerKind: "External", owner: "Sanjay Patel, Financial Crime Officer", agreement: "Supplier contract CON-221, ends 31 March 2027" },
      { name: "Branch Network (WAN)", provider: "Network Services", providerKind: "Internal", owner: "Grace Adeyemi, Network Manager", agreement: null },
      { name: "Card and PIN Printing", provider: "CardTech Europe", providerKind: "External", owner: "Marta Kowalczyk, IT Relationship Manager", agreement: "Supplier contract CON-198, ends 30 September 2027" },
      { name: "Hearing loops", provider: null, providerKind: null, owner: "Facilities, Hélène Dubois", agreement: null },
    ],
    needs,
    signoff:
      status === "draft"
        ? null
        : {
            submittedBy: "Marta Kowalczyk, IT Relationship Manager, Retail",
            submittedAt: "21 November 2026, 09:15 UTC",
            message: "Version 3 answers the Saturday opening and month-end points raised in October’s interviews. Please review by 4 December.",
            due: "4 December 2026",
            order: "In order",
            people: [
              {
                role: "Approver",
                name: "Tomás Ibáñez",
                title: "Head of Branch Network, Retail Banking",
                decision: "Approved",
                at: "22 November 2026, 11:20 UTC",
                comment: "Agreed — the Saturday targets are what the branches asked for.",
                delegation: null,
              },
              {
                role: "Signer",
                name: "Rachel Greenberg",
                title: "Chief Operating Officer",
                decision: agreed ? "Signed" : "Waiting",
                at: agreed ? "23 November 2026, 14:05 UTC" : null,
                comment: null,
                delegation: "Delegated by Dana Okafor, Chief Executive: on leave until 4 December",
              },
            ],
          },
    traceability: trace(pad ? 200 : 24, [...outcomes, ...scopeIn, ...criticalPeriods]),
  };
}
