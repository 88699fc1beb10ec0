// What the main thread asks of its worker threads, and what they answer: plain data only (it is
// copied between threads). Readers (a pool) check and compare; the one writer adds, removes and
// runs clusters (which stores the edges it confirms).
import type { AddSummary, ArticleInput, HtmlArticleInput, IndexStatsReport, RemoveSummary } from "../unspin.js";
import type { ClustersFormat } from "../report/clusters-render.js";
import type { PlainError } from "./errors.js";

/** What a reply needs besides the report. */
export interface Wanted {
  /** The suspect's text and the texts of the sources found. */
  texts: boolean;
  /** The HTML report. */
  page: boolean;
}

export type ReadTask =
  | { kind: "check"; suspect: { text: string } | { html: string }; url?: string; input?: string; want: Wanted }
  | { kind: "compare"; suspect: string; source: string; input?: string; want: Wanted }
  | { kind: "stats" }
  | { kind: "ping" }
  /**
   * Closes the thread's index. Sent to every thread at shutdown: each close task waits (up to a
   * few seconds) until all have started, so no thread takes two and every thread gets one.
   */
  | { kind: "close"; started: SharedArrayBuffer; threads: number };

/**
 * A report as the reply's body, made in the worker: the JSON (the report, or with `texts`
 * `{report, texts}`), or the HTML report. A string crosses between threads as one copy, and the
 * main thread sends it as it is, without rebuilding and serialising the report.
 */
export type ReportResult = { ok: true; json: string } | { ok: true; page: string };

export type ReadResult = ReportResult | { ok: true; stats: IndexStatsReport } | { ok: true; pong: number } | { ok: true; closed: true } | { ok: false; error: PlainError };

/** What the reader and writer threads start with. */
export interface WorkerData {
  location: string;
  /** Int32Array over a SharedArrayBuffer: [0] counts completed writes (see writer.ts). */
  generation: SharedArrayBuffer;
}

export type WriteRequest =
  | { id: number; op: "add"; documents: (ArticleInput | HtmlArticleInput)[] }
  | { id: number; op: "remove"; ids: string[] }
  /** Examines pairs with documents added since the last run (edges stored: a write), then clusters. */
  | { id: number; op: "clusters"; minSimilarity: number; format: ClustersFormat }
  | { id: number; op: "abort" }
  | { id: number; op: "close" };

/** One document of an add, in request order. */
export type AddedEntry = { status: "added" | "duplicate" | "updated"; id: string; url?: string } | { status: "skipped"; reason: string } | { status: "not-written" };

export type WriteResponse =
  | { id: number; ok: true; op: "add"; summary: AddSummary; entries: AddedEntry[] }
  | { id: number; ok: true; op: "remove"; summary: RemoveSummary }
  /** The report rendered in the writer (body), and whether the run was stopped before the end. */
  | { id: number; ok: true; op: "clusters"; body: string; interrupted: boolean }
  | { id: number; ok: true; op: "close" }
  | { id: number; ok: false; error: PlainError };
