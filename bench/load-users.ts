import { randomUUID } from "node:crypto";
import http from "node:http";
import { answerSave, answerSaveResult } from "./autosave";
import type { LoadWorld } from "./load-world";

/**
 * The simulated people of bench/load-mixed.ts and the client they share. Every request goes to
 * the next app process in turn (a session made on one is used on the other), over keep-alive
 * connections, timed from the moment it is sent to its last byte, and checked: a page is a 200
 * HTML document, a PDF a 200 starting with %PDF, a save a 200 whose every cell or answer is
 * acknowledged as saved.
 */
export const KINDS = ["page", "document", "pdf", "draft", "save", "score"] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, string> = {
  page: "pages (lists, home, runner, grid)",
  document: "document pages (service, version, sign-off)",
  pdf: "agreed PDFs (the sealed bytes)",
  draft: "draft PDFs (rendered per request)",
  save: "interview autosaves",
  score: "scoring autosaves",
};

interface Answer {
  status: number;
  body: Buffer;
  contentType: string;
  ms: number;
  port: number;
  /** Sent after the warm-up: counted. */
  measured: boolean;
}

export class Traffic {
  private turn = 0;
  private readonly agents: Map<number, http.Agent>;
  /** Off during the warm-up: requests are made and checked, not counted. */
  measuring = false;
  readonly latencies = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  /** The same times by route (ids left out of the path), to say which pages are the slow ones. */
  readonly byRoute = new Map<string, number[]>();
  readonly errors = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  readonly perPort = new Map<number, number>();
  /** How late each request left against its schedule: the client keeping up, or not. */
  readonly lateness: number[] = [];
  readonly problems: string[] = [];
  /** Requests sent again because a kept-alive connection was closed under them. */
  resent = 0;
  /** Saves each process acknowledged, warm-up included, to compare with the database at the end. */
  acknowledged = { answers: 0, cells: 0 };

  constructor(readonly ports: number[]) {
    // With a timeout set, the agent drops an idle connection a second before the server's Keep-Alive hint says it will close it.
    this.agents = new Map(ports.map((p) => [p, new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 60_000 })]));
    for (const p of ports) this.perPort.set(p, 0);
  }

  /** The next process in turn. */
  nextPort() {
    return this.ports[this.turn++ % this.ports.length]!;
  }

  /**
   * One request, to its last byte. A kept-alive connection the server closed just as it was
   * reused fails before any answer: sent once more on a new one, as browsers do (and counted).
   */
  async request(port: number, method: "GET" | "POST", path: string, cookie: string, json?: string): Promise<Answer> {
    const measured = this.measuring;
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.send(port, method, path, cookie, json);
        return { ...answer, ms: performance.now() - started, port, measured };
      } catch (error) {
        if (attempt > 0 || !(error as { reused?: boolean }).reused) throw error;
        this.resent += 1;
      }
    }
  }

  private send(port: number, method: "GET" | "POST", path: string, cookie: string, json?: string) {
    return new Promise<Pick<Answer, "status" | "body" | "contentType">>((resolve, reject) => {
      const headers: Record<string, string> = { cookie };
      if (json !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = String(Buffer.byteLength(json));
        headers.origin = `http://127.0.0.1:${port}`;
      }
      let answered = false;
      const req = http.request({ host: "127.0.0.1", port, path, method, headers, agent: this.agents.get(port) }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), contentType: String(res.headers["content-type"] ?? "") }));
      });
      req.setTimeout(30_000, () => req.destroy(new Error("no answer within 30 s")));
      req.on("error", (error: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && !answered && (error.code === "ECONNRESET" || error.code === "EPIPE");
        reject(Object.assign(error, { reused: stale }));
      });
      req.end(json);
    });
  }

  record(kind: Kind, answer: Answer | null, problem: string | null, what: string) {
    if (!(answer?.measured ?? this.measuring)) {
      if (problem && this.problems.length < 12) this.problems.push(`warm-up ${kind} ${what}: ${problem}`);
      return;
    }
    if (answer) {
      this.latencies.get(kind)!.push(answer.ms);
      const route = routeOf(what);
      const times = this.byRoute.get(route) ?? [];
      times.push(answer.ms);
      this.byRoute.set(route, times);
      this.perPort.set(answer.port, (this.perPort.get(answer.port) ?? 0) + 1);
    }
    if (problem) {
      this.errors.set(kind, this.errors.get(kind)! + 1);
      if (this.problems.length < 12) this.problems.push(`${kind} ${what}: ${problem}`);
    }
  }

  /** A page or PDF: sent to the next process, checked, recorded. */
  async get(kind: "page" | "document" | "pdf" | "draft", path: string, cookie: string) {
    const port = this.nextPort();
    let answer: Answer | null = null;
    let problem: string | null = null;
    try {
      answer = await this.request(port, "GET", path, cookie);
      if (answer.status !== 200) problem = `${answer.status} ${answer.body.toString().slice(0, 120).replace(/\s+/g, " ")}`;
      else if (kind === "pdf" || kind === "draft" ? answer.body.subarray(0, 5).toString() !== "%PDF-" : !answer.contentType.startsWith("text/html")) problem = `200 but ${answer.contentType}`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    this.record(kind, answer, problem, path);
  }

  close() {
    for (const agent of this.agents.values()) agent.destroy();
  }
}

/** A request's path as its route: ids as :id, a version's number as :n, no query. */
export function routeOf(path: string) {
  return path
    .split("?")[0]!
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id")
    .replace(/\/versions\/\d+/, "/versions/:n");
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

export interface Sim {
  role: "relationship manager" | "business lead" | "executive" | "reader";
  email: string;
  cookie: string;
  /** A relationship manager's own interview. */
  interviewId?: string;
  /** Seconds until this person's next action. */
  think(): number;
  act(traffic: Traffic): Promise<void>;
}

const RM_LISTS = ["/", "/interviews", "/needs", "/services", "/rounds", "/signoff"];
const LEAD_LISTS = ["/", "/needs", "/rounds", "/services", "/signoff"];
const EXEC_LISTS = ["/", "/services", "/rounds", "/signoff"];

/** Long-text questions of the demo's discovery guide, first two sections, no conditions. */
const QUESTIONS = ["q-unit-purpose", "q-top-outcomes", "q-measured-on", "q-key-processes"];
const WORDS = "branch staff need the core banking platform before opening so customers at the counter are served without waiting while month end close runs".split(" ");

/**
 * A relationship manager typing answers in their own interview: an autosave every 2–5 s (each
 * one the answer so far, a few words longer), a few saves per question before the next; one
 * action in seven is a page instead (the runner itself, or a list).
 */
export function relationshipManager(email: string, cookie: string, interviewId: string): Sim {
  const answers = new Map<string, { text: string; revision: number }>();
  let question = 0;
  let left = 3 + Math.floor(Math.random() * 5);
  let cursor = 0;
  return {
    role: "relationship manager",
    email,
    cookie,
    interviewId,
    think: () => between(2, 5),
    async act(traffic) {
      if (Math.random() < 1 / 7) return traffic.get("page", pick([`/interviews/${interviewId}/run`, ...RM_LISTS]), cookie);
      if (left-- <= 0) {
        question = (question + 1) % QUESTIONS.length;
        left = 3 + Math.floor(Math.random() * 5);
      }
      const item = QUESTIONS[question]!;
      const mine = answers.get(item) ?? { text: "", revision: 0 };
      const text = `${mine.text} ${Array.from({ length: 3 + Math.floor(Math.random() * 5) }, () => pick(WORDS)).join(" ")}`.trim().slice(-3000);
      const save = answerSave({ interview: interviewId, item, value: text, base: mine.revision, since: cursor });
      const port = traffic.nextPort();
      let answer: Answer | null = null;
      let problem: string | null = null;
      try {
        answer = await traffic.request(port, "POST", save.path, cookie, save.body);
        const result = answerSaveResult(answer.body.toString());
        if (result.cursor !== null) cursor = Math.max(cursor, result.cursor);
        if (answer.status === 200 && result.saved && result.revision === mine.revision + 1) {
          traffic.acknowledged.answers += 1;
          answers.set(item, { text, revision: result.revision });
        } else {
          problem = `${answer.status}, ${result.saved ? `revision ${result.revision} after ${mine.revision}` : "not saved"}`;
          if (result.revision !== null) answers.set(item, { text: mine.text, revision: result.revision });
        }
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      traffic.record("save", answer, problem, save.path);
    },
  };
}

const SCORE_DATA = "routes%2Frounds.%24roundId.score";
const REASONS = ["Branches feel this every week.", "Costs us a day at month-end.", "Few people, large risk.", "Heard it in every interview.", "Finance feels it more."];

/**
 * A business lead scoring the bench round: a cell every 2–5 s (a score changed to another value,
 * or one in five a reason), sometimes two cells in one save as the grid batches them; one action
 * in seven is a page (the grid, the round, a list).
 */
export function businessLead(email: string, cookie: string, world: Pick<LoadWorld, "roundId" | "roundNeedIds" | "criteria">): Sim {
  const cells = new Map<string, { value: string; revision: number }>();
  const path = `/rounds/${world.roundId}/score?_data=${SCORE_DATA}`;
  const nextValue = (name: string) => {
    if (name.startsWith("why.")) return `${pick(REASONS)} (${randomUUID().slice(0, 4)})`;
    const now = Number(cells.get(name)?.value || 0);
    return String((now % 5) + 1);
  };
  return {
    role: "business lead",
    email,
    cookie,
    think: () => between(2, 5),
    async act(traffic) {
      if (Math.random() < 1 / 7) return traffic.get("page", pick([`/rounds/${world.roundId}/score`, `/rounds/${world.roundId}`, ...LEAD_LISTS]), cookie);
      const count = Math.random() < 0.25 ? 2 : 1;
      const names = new Set<string>();
      while (names.size < count) {
        const need = pick(world.roundNeedIds);
        names.add(Math.random() < 0.2 ? `why.${need}` : `score.${need}.${pick(world.criteria)}`);
      }
      const saves = [...names].map((name) => ({ name, value: nextValue(name), base: cells.get(name)?.revision ?? 0 }));
      const port = traffic.nextPort();
      let answer: Answer | null = null;
      let problem: string | null = null;
      try {
        answer = await traffic.request(port, "POST", path, cookie, JSON.stringify({ intent: "autosave", requestId: randomUUID(), saves }));
        const parsed = JSON.parse(answer.body.toString()) as { results?: { name: string; status: string; value?: string; revision?: number; message?: string }[] };
        const results = parsed.results ?? [];
        for (const save of saves) {
          const r = results.find((x) => x.name === save.name);
          if (r?.status === "saved" && r.revision === save.base + 1) {
            traffic.acknowledged.cells += 1;
            cells.set(save.name, { value: save.value, revision: r.revision });
          } else {
            problem = `${answer.status}, ${save.name.split(".")[0]} cell ${r ? `${r.status}${r.message ? ` (${r.message})` : ""}` : "missing from the answer"}`;
            if (r?.revision !== undefined) cells.set(save.name, { value: r.value ?? "", revision: r.revision });
          }
        }
        if (!problem && answer.status !== 200) problem = `${answer.status}`;
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      traffic.record("score", answer, problem, path);
    },
  };
}

/**
 * An executive (several share the demo's two executive logins, so their sign-off requests open):
 * every 3–10 s a service's page, a version's page or one of their sign-off pages
 * (three in ten), a version's PDF (two in ten: agreed ones are the sealed bytes, drafts are
 * rendered by the worker pool on each request), or a list.
 */
export function executive(email: string, cookie: string, world: Pick<LoadWorld, "services" | "signoffs">): Sim {
  const withVersions = world.services.filter((s) => s.versions.length > 0);
  const requests = world.signoffs[email] ?? [];
  return {
    role: "executive",
    email,
    cookie,
    think: () => between(3, 10),
    async act(traffic) {
      const r = Math.random();
      const service = pick(withVersions);
      const version = pick(service.versions);
      if (r < 0.3) {
        const pages = [`/services/${service.id}`, `/services/${service.id}/versions/${version.number}`, ...requests.map((id) => `/signoff/${id}`)];
        return traffic.get("document", pick(pages), cookie);
      }
      if (r < 0.5) return traffic.get(version.agreed ? "pdf" : "draft", `/services/${service.id}/versions/${version.number}.pdf`, cookie);
      return traffic.get("page", pick(EXEC_LISTS), cookie);
    },
  };
}

/** Someone reading: every 3–10 s a list, or a need's, an interview's or a service's page (admin sees all). */
export function reader(email: string, cookie: string, world: Pick<LoadWorld, "needIds" | "interviewIds" | "services">): Sim {
  const role = email.startsWith("admin") ? "admin" : email.startsWith("rm") ? "rm" : "lead";
  const lists = role === "lead" ? LEAD_LISTS : role === "rm" ? RM_LISTS : [...RM_LISTS, "/stakeholders", "/admin/users"];
  return {
    role: "reader",
    email,
    cookie,
    think: () => between(3, 10),
    async act(traffic) {
      const r = Math.random();
      if (r < 0.2 && role !== "lead") return traffic.get("page", `/interviews/${pick(world.interviewIds)}`, cookie);
      if (r < 0.35 && role !== "lead") return traffic.get("page", `/needs/${pick(world.needIds)}`, cookie);
      if (r < 0.45) return traffic.get("document", `/services/${pick(world.services).id}`, cookie);
      return traffic.get("page", pick(lists), cookie);
    },
  };
}

/**
 * Each person on their own clock until `until`: the next action is due a think time after the
 * last was due, whatever the answer took (open loop), unless their own previous request is still
 * out (a person waits for their page), which `lateness` records.
 */
export async function runSims(sims: Sim[], traffic: Traffic, until: number) {
  await Promise.all(
    sims.map(async (sim) => {
      let due = Date.now() + Math.random() * sim.think() * 1000;
      while (due < until) {
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (traffic.measuring) traffic.lateness.push(Math.max(0, Date.now() - due));
        try {
          await sim.act(traffic);
        } catch (error) {
          // Every request's own failures are recorded by it; this is the bench's own slip, shown rather than fatal.
          if (traffic.problems.length < 12) traffic.problems.push(`${sim.role} ${sim.email}: ${error instanceof Error ? error.message : String(error)}`);
        }
        due += sim.think() * 1000;
      }
    }),
  );
}

export function percentile(sorted: readonly number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
