// Source-free spin detection: tokenizer debris and quote-mark anomalies (from the text model),
// non-words, odd collocations and swapped phrases, combined into one calibrated document score.
// Pure: a Text and a Lexicon (plus optional corpus counts) in, findings and a score out.
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import type { ContextLanguageModel } from "../lexicon/language-model.js";
import type { Finding } from "../report/schema.js";
import { artifactFindings } from "../report/findings.js";
import { ruleSpec } from "../rules/catalogue.js";
import { Candidates } from "./candidates.js";
import { judgeWords, wordCounts, type WordJudgement } from "./collocation.js";
import { slotsOf } from "./context.js";
import { coherence, NO_COHERENCE, type WordVectors } from "./coherence.js";
import { computeFeatures, logistic, type FeatureInput, type FeatureName } from "./features.js";
import { ContextModel, type CorpusCounts } from "./lm.js";
import { findNonWords } from "./nonword.js";
import { judgePhrases, type PhraseJudgement } from "./phrase.js";
import { RelatedCandidates } from "./related.js";
import { judgeTortured, torturedPhrases, type TorturedJudgement } from "./tortured.js";
import { torturedWeightsFor, type TorturedWeights } from "./tortured-weights.js";
import { weightsFor, type ScoreModel } from "./weights.js";

export { weightsFor, SYMSPELL_WEIGHTS, TRIGRAM_WEIGHTS, type DetectorWeights, type ScoreModel } from "./weights.js";
export { weigh } from "./collocation.js";
export type { CorpusCounts } from "./lm.js";
export type { WordVectors } from "./coherence.js";
export { computeFeatures, logistic, FEATURE_NAMES, type FeatureName, type FeatureInput } from "./features.js";
export { CANDIDATE_FEATURES, PAIR_FEATURES, torturedPhrases, type TorturedJudgement } from "./tortured.js";
export { torturedWeightsFor, TORTURED_SYMSPELL, TORTURED_TRIGRAM, type TorturedWeights } from "./tortured-weights.js";

export interface IntrinsicOptions {
  /** n-gram counts of an indexed corpus, when there is one. */
  corpus?: CorpusCounts;
  /**
   * The language model behind the context model (lexicon/context-model.ts: CMU's, shipped, or a
   * full Sphinx model); without one, the SymSpell counts.
   */
  languageModel?: ContextLanguageModel | null;
  /** Word vectors (lexicon/vectors.ts) for the coherence signals; without them those features read as average. */
  vectors?: WordVectors;
  /** Override the tuned odd-collocation threshold (nats). */
  collocationThreshold?: number;
  /** Override the tuned phrase-restoration threshold (nats). */
  phraseThreshold?: number;
  /** Override the tuned weight of the unigram prior in odd-collocation scores (0..1). */
  priorWeight?: number;
  /** Override the tuned weight of the topic shift in odd-collocation evidence (nats per cosine unit). */
  shiftWeight?: number;
  /** Override the logistic score model (evaluation fits it). */
  scoreModel?: ScoreModel;
  /** Override the tortured-phrase weights and margin (evaluation fits them). */
  torturedWeights?: TorturedWeights;
  /** Keep every tortured-phrase candidate's raw features in the result (evaluation fits on them). */
  collectTortured?: boolean;
}

/** Per-span detail behind word-level findings: ranked suggestions and the evidence margin. */
export interface SpanDetail {
  rule: "non-word" | "odd-collocation" | "phrase-restoration" | "tortured-phrase";
  start: number;
  end: number;
  suggestions: string[];
  delta: number;
}

export interface IntrinsicResult {
  findings: Finding[];
  /** Calibrated probability that the text is spinner output. */
  score: number;
  /** Score at or above which the text counts as likely spun (tuned for the context model used). */
  threshold: number;
  features: Record<FeatureName, number>;
  spans: SpanDetail[];
  /** Every judged word (also below threshold): evaluation re-thresholds these. */
  judged: WordJudgement[];
  phrases: PhraseJudgement[];
  /** Every judged pair of the tortured-phrase detector (empty without word vectors). */
  tortured: TorturedJudgement[];
  /** Threshold-free document counts (features are derived from these plus the fired findings). */
  counts: DocCounts;
  /** Which context model scored the words: the language model's name, or "symspell". */
  contextModel: string;
}

export type DocCounts = Omit<FeatureInput, "judged" | "collocations" | "phrases">;

/**
 * Which judgements fire at the given thresholds. Phrases first: a pair restored as a whole is not
 * reported again word by word. Exported so evaluation can re-threshold without re-analysing.
 */
export function selectFired(phrases: PhraseJudgement[], judged: WordJudgement[], collThreshold: number, phraseThreshold: number, shiftWeight = 0): { phrases: PhraseJudgement[]; words: WordJudgement[] } {
  const covered = new Set<number>();
  const firedPhrases: PhraseJudgement[] = [];
  for (const ph of phrases) {
    if (ph.delta < phraseThreshold || covered.has(ph.first)) continue;
    covered.add(ph.first);
    covered.add(ph.second);
    firedPhrases.push(ph);
  }
  const words = judged.filter((j) => evidence(j, shiftWeight) >= collThreshold && !covered.has(j.token) && j.best.length > 0 && (shiftWeight === 0 || j.delta > 0));
  return { phrases: firedPhrases, words };
}

/**
 * Word-level evidence in nats: the context-model margin plus, weighted, how much closer the best
 * synonym sits to the article's topic (coherence.ts). The topic term only adds to a word that some
 * synonym already beats in context (delta > 0), so it never fires on topic alone.
 */
export function evidence(j: WordJudgement, shiftWeight: number): number {
  return j.delta + (j.delta > 0 ? shiftWeight * Math.max(0, j.shift ?? 0) : 0);
}

// A split-off 's is also left where a name was cut out of a page ("at 's farewell"), so only the
// verb contractions (do n't, they 're) count as pipeline debris.
const POSSESSIVE = /\s['’]s$/iu;

// Models and candidate memos live as long as their lexicon (and language model, and corpus
// counts): repeated calls reuse the memo. A model made afresh per call (once the case with an
// index's corpus counts) leaked: candidate lists shared across calls kept pointing at the word
// records of every dead model, so a batch check grew by ~100 KB per article.
interface Models {
  model: ContextModel;
  cands: Candidates;
  withLm: WeakMap<ContextLanguageModel, ContextModel>;
  withCorpus: WeakMap<CorpusCounts, { lm: ContextLanguageModel | null | undefined; model: ContextModel }>;
  related: WeakMap<WordVectors, RelatedCandidates>;
}
const models = new WeakMap<Lexicon, Models>();
function modelsOf(lexicon: Lexicon): Models {
  let m = models.get(lexicon);
  if (!m) {
    m = { model: new ContextModel(lexicon), cands: new Candidates(lexicon), withLm: new WeakMap(), withCorpus: new WeakMap(), related: new WeakMap() };
    models.set(lexicon, m);
  }
  return m;
}
function relatedFor(lexicon: Lexicon, vectors: WordVectors): RelatedCandidates {
  const m = modelsOf(lexicon);
  let r = m.related.get(vectors);
  if (!r) {
    r = new RelatedCandidates(lexicon, m.cands, vectors);
    m.related.set(vectors, r);
  }
  return r;
}
function modelFor(lexicon: Lexicon, corpus?: CorpusCounts, lm?: ContextLanguageModel | null): { model: ContextModel; cands: Candidates } {
  const m = modelsOf(lexicon);
  if (corpus) {
    let c = m.withCorpus.get(corpus);
    if (!c || c.lm !== lm) {
      c = { lm, model: new ContextModel(lexicon, corpus, lm) };
      m.withCorpus.set(corpus, c);
    }
    return { model: c.model, cands: m.cands };
  }
  if (!lm) return m;
  let model = m.withLm.get(lm);
  if (!model) {
    model = new ContextModel(lexicon, undefined, lm);
    m.withLm.set(lm, model);
  }
  return { model, cands: m.cands };
}

function capitalise(s: string, like: string): string {
  return like[0] && like[0] !== like[0].toLowerCase() ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export function analyzeIntrinsic(text: Text, lexicon: Lexicon, options: IntrinsicOptions = {}): IntrinsicResult {
  const lm = options.languageModel ?? null;
  const { model, cands } = modelFor(lexicon, options.corpus, lm);
  // Thresholds and score weights were fit for one context model; use the set that matches.
  const tuned = weightsFor(lm !== null);
  const collThreshold = options.collocationThreshold ?? tuned.collocationMinDelta;
  const phraseThreshold = options.phraseThreshold ?? tuned.phraseMinDelta;
  const findings: Finding[] = artifactFindings(text);
  const spans: SpanDetail[] = [];
  const place = (a: number, b: number) => {
    const start = text.tokens[a]!.start;
    const end = text.tokens[b]!.end;
    return { start, end, text: text.source.slice(start, end) };
  };

  const counts0 = wordCounts(text);
  // Counts, model ids, neighbours and swappability of every word, looked up once for all stages.
  const slots = slotsOf(text, lexicon, model);
  const nonWords = findNonWords(text, lexicon, counts0, slots.facts);
  for (const nw of nonWords) {
    const p = place(nw.token, nw.token);
    findings.push({
      rule: "non-word", severity: ruleSpec("non-word").severity, suspect: p, suggestion: nw.suggestions[0]!, confidence: 0.7,
      note: `"${p.text}" is no English word; probably "${nw.suggestions[0]}"`,
    });
    spans.push({ rule: "non-word", start: p.start, end: p.end, suggestions: nw.suggestions, delta: 0 });
  }

  const phrases = judgePhrases(text, model, cands, slots);
  const judged = judgeWords(text, model, cands, slots, counts0, options.priorWeight ?? tuned.priorWeight);
  // Sets `shift` on the judged words, which odd-collocation evidence uses.
  const coh = options.vectors ? coherence(text, lexicon, options.vectors, cands, judged, slots.facts) : NO_COHERENCE;
  const shiftWeight = options.vectors ? (options.shiftWeight ?? tuned.shiftWeight) : 0;
  const { phrases: firedPhrases, words: firedWords } = selectFired(phrases, judged, collThreshold, phraseThreshold, shiftWeight);
  // Tortured phrases need the word vectors (candidates' closeness to the words they replace).
  const tw = options.torturedWeights ?? torturedWeightsFor(Boolean(options.languageModel));
  const tortured = options.vectors ? judgeTortured(text, model, relatedFor(lexicon, options.vectors), slots, tw, options.collectTortured) : [];
  // One explanation per span in the report. Where word findings already restore a tortured phrase
  // to the same words, they stand (they say more precisely what was swapped); otherwise the phrase
  // reading replaces them. The document score counts every word finding either way, as it was fit.
  const torturedFired = torturedPhrases(tortured, tw.threshold).filter((t) => !sameRestoration(lexicon, restoredByWords(text, t.first, t.last, firedPhrases, firedWords), t.suggestions[0]!));
  const inTortured = new Set<number>();
  for (const t of torturedFired) for (let k = t.first; k <= t.last; k++) inTortured.add(k);
  const shownPhrases = firedPhrases.filter((ph) => !inTortured.has(ph.first) && !inTortured.has(ph.second));
  const shownWords = firedWords.filter((j) => !inTortured.has(j.token));
  for (const t of torturedFired) {
    const p = place(t.first, t.last);
    const suggestions = t.suggestions.map((x) => capitalise(x, p.text));
    findings.push({
      rule: "tortured-phrase", severity: ruleSpec("tortured-phrase").severity, suspect: p, suggestion: suggestions[0]!,
      confidence: confidenceOf(t.margin - tw.threshold),
      note: `"${p.text}" is no phrase English uses, while "${suggestions[0]}", of related words, is: a thesaurus swap inside a fixed phrase`,
    });
    spans.push({ rule: "tortured-phrase", start: p.start, end: p.end, suggestions, delta: t.margin });
  }
  for (const ph of shownPhrases) {
    const p = place(ph.first, ph.second);
    const suggestions = ph.best.map((b) => capitalise(b.words.join(" "), p.text));
    findings.push({
      rule: "phrase-restoration", severity: ruleSpec("phrase-restoration").severity, suspect: p, suggestion: suggestions[0]!,
      confidence: confidenceOf(ph.delta - phraseThreshold),
      note: `"${p.text}" is no usual English pair, while "${suggestions[0]}" is: both words look swapped for synonyms`,
    });
    spans.push({ rule: "phrase-restoration", start: p.start, end: p.end, suggestions, delta: ph.delta });
  }
  for (const j of shownWords) {
    const p = place(j.token, j.token);
    const suggestions = j.best.map((b) => capitalise(b.word, p.text));
    const e = evidence(j, shiftWeight);
    const topical = e > j.delta + 0.5 ? "; a synonym also fits the article's topic better" : "";
    findings.push({
      rule: "odd-collocation", severity: ruleSpec("odd-collocation").severity, suspect: p, suggestion: suggestions[0]!,
      confidence: confidenceOf(e - collThreshold),
      note: `"${p.text}" is unusual here; its synonym "${suggestions[0]}" is about ${Math.round(Math.exp(Math.min(j.delta, 20)))} times as likely in this context${topical}`,
    });
    spans.push({ rule: "odd-collocation", start: p.start, end: p.end, suggestions, delta: e });
  }

  let content = 0;
  let rarer = 0;
  let logFreqSum = 0;
  for (const i of text.words) {
    if (slots.swappable[i] === 0) continue;
    content++;
    const w = text.tokens[i]!.norm;
    const fact = slots.facts[i]!;
    const c = fact.uni;
    logFreqSum += Math.log10(Math.max(c, 1000));
    if ((fact.info ??= cands.info(w)).maxCount >= 20 * Math.max(c, 1)) rarer++;
  }
  const counts: DocCounts = {
    words: text.words.length, nonWords: nonWords.length,
    artifacts: text.artifacts.filter((a) => a.kind !== "misoriented-quote" && a.kind !== "unbalanced-quote" && a.kind !== "double-space").length,
    pipelineDebris: text.artifacts.filter((a) => (a.kind === "split-contraction" && !POSSESSIVE.test(a.text)) || a.kind === "comma-in-phrase").length,
    quoteAnomalies: text.artifacts.filter((a) => a.kind === "misoriented-quote" || a.kind === "unbalanced-quote").length,
    rarer, content, logFreqSum,
    ...coh,
  };
  const features = computeFeatures({ ...counts, judged, collocations: firedWords.length, phrases: firedPhrases.length });
  const score = logistic(features, options.scoreModel ?? tuned.scoreModel);
  findings.sort((a, b) => a.suspect.start - b.suspect.start || a.suspect.end - b.suspect.end);
  spans.sort((a, b) => a.start - b.start);
  return { findings, score, threshold: tuned.likelySpunThreshold, features, spans, judged, phrases, tortured, counts, contextModel: lm ? lm.name : "symspell" };
}

/** The words first..last with the top suggestions of the fired word findings applied, or null when none touches them. */
function restoredByWords(text: Text, first: number, last: number, phrases: PhraseJudgement[], words: WordJudgement[]): string | null {
  const out = new Map<number, string>();
  for (const ph of phrases) {
    if (ph.second < first || ph.first > last) continue;
    out.set(ph.first, ph.best[0]!.words[0]);
    out.set(ph.second, ph.best[0]!.words[1]);
  }
  for (const j of words) if (j.token >= first && j.token <= last && j.best.length > 0) out.set(j.token, j.best[0]!.word);
  if (out.size === 0) return null;
  const parts: string[] = [];
  for (const i of text.words) if (i >= first && i <= last) parts.push(out.get(i) ?? text.tokens[i]!.norm);
  return parts.join(" ");
}

/**
 * Whether two restorations of a phrase say the same: word by word equal, or spellings of one word
 * ("centre" / "center": WordNet synonyms at most two edits apart). Null (no restoration) is never
 * the same. Exported for the evaluation, which replays the report's choice.
 */
export function sameRestoration(lexicon: Lexicon, a: string | null, b: string): boolean {
  if (a === null) return false;
  const x = a.toLowerCase().split(/\s+/);
  const y = b.toLowerCase().split(/\s+/);
  if (x.length !== y.length) return false;
  return x.every((w, k) => w === y[k] || (editDistance(w, y[k]!) <= 2 && lexicon.relation(w, y[k]!) === "synonym"));
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Margin above threshold (nats) mapped to 0.5..0.95: a rough, monotone confidence. */
function confidenceOf(margin: number): number {
  return Math.min(0.95, 0.5 + 0.45 * (1 - Math.exp(-Math.max(0, margin) / 3)));
}
