// Tuned constants of the intrinsic detector, one set per context model. Chosen on the development
// split only by `node --import tsx eval/intrinsic.ts --fit` (SymSpell counts) and
// `... --fit --trigram` (CMU's language model: fit on the full trigram model's bigram answers,
// which the shipped model gives bit for bit); see eval/results/intrinsic*.md. Edit by re-fitting:
// the script rewrites the block between the markers of its condition.

export interface ScoreModel {
  bias: number;
  features: Record<string, { mean: number; sd: number; w: number }>;
}

export interface DetectorWeights {
  /** odd-collocation fires when the best synonym beats the word by this many nats. */
  collocationMinDelta: number;
  /** phrase-restoration fires when the best synonym pair beats the observed pair by this many nats. */
  phraseMinDelta: number;
  /** Weight of log P(word) in odd-collocation scores: 1 = joint probability, 0 = association only. */
  priorWeight: number;
  /** Nats of odd-collocation evidence per cosine unit of topic shift (coherence.ts); 0 = off. */
  shiftWeight: number;
  /** Logistic model over standardised features: z = bias + sum(w * (x - mean) / sd). */
  scoreModel: ScoreModel;
  /** Document score at or above which the verdict is `likely-spun`. */
  likelySpunThreshold: number;
}

// fit:symspell:begin
/** Context model from the SymSpell word and bigram counts (UNSPIN_TRIGRAM_LM=off). */
export const SYMSPELL_WEIGHTS: DetectorWeights = {
  collocationMinDelta: 4,
  phraseMinDelta: 4,
  priorWeight: 1,
  shiftWeight: 20,
  scoreModel: {
    bias: 8.06515,
    features: {
      collocationRate: { mean: 7.74852, sd: 5.40309, w: 1.27356 },
      phraseRate: { mean: 0.859551, sd: 1.17461, w: 0.317477 },
      artifactRate: { mean: 0.791533, sd: 1.69358, w: 1.8473 },
      pipelineDebris: { mean: 0.241321, sd: 0.504775, w: 2.49154 },
      quoteRate: { mean: 0.184695, sd: 0.431235, w: 0.404952 },
      meanDelta: { mean: 0.53669, sd: 0.388791, w: 0.851509 },
      weakShare: { mean: 0.0887757, sd: 0.057582, w: 0.315763 },
      strongShare: { mean: 0.0557961, sd: 0.0447461, w: -0.00822318 },
      unattestedShare: { mean: 0.310977, sd: 0.117605, w: 0.19442 },
      rarerShare: { mean: 0.108582, sd: 0.068716, w: -0.418129 },
      meanLogFreq: { mean: 7.2846, sd: 0.329387, w: -0.0327833 },
      logWords: { mean: 2.39735, sd: 0.27397, w: -0.937383 },
      meanDeltaByLength: { mean: 1.29312, sd: 0.945951, w: 1.25479 },
      strongShareByLength: { mean: 0.134368, sd: 0.108351, w: 0.420876 },
      coherence: { mean: 0.356665, sd: 0.0504481, w: -0.146489 },
      shiftMean: { mean: 0.103901, sd: 0.0399502, w: 0.927527 },
      shiftShare: { mean: 0.258978, sd: 0.0877953, w: 0.503155 },
      shiftTop: { mean: 0.421398, sd: 0.1156, w: 2.05218 },
    },
  },
  likelySpunThreshold: 0.745,
};
// fit:symspell:end

// fit:trigram:begin
/** Context model from CMU's US-English language model (its bigrams; shipped in models/). */
export const TRIGRAM_WEIGHTS: DetectorWeights = {
  collocationMinDelta: 3,
  phraseMinDelta: 4,
  priorWeight: 1,
  shiftWeight: 20,
  scoreModel: {
    bias: 8.77617,
    features: {
      collocationRate: { mean: 8.40655, sd: 5.4698, w: 0.744666 },
      phraseRate: { mean: 2.29261, sd: 2.10028, w: 0.313593 },
      artifactRate: { mean: 0.791533, sd: 1.69358, w: 1.80947 },
      pipelineDebris: { mean: 0.241321, sd: 0.504775, w: 2.31585 },
      quoteRate: { mean: 0.184695, sd: 0.431235, w: 0.563351 },
      meanDelta: { mean: 0.774615, sd: 0.5226, w: 1.06751 },
      weakShare: { mean: 0.105223, sd: 0.0645443, w: 0.466176 },
      strongShare: { mean: 0.0792951, sd: 0.0566142, w: 0.291181 },
      unattestedShare: { mean: 0.180456, sd: 0.107016, w: 0.373615 },
      rarerShare: { mean: 0.108582, sd: 0.068716, w: -0.319614 },
      meanLogFreq: { mean: 7.2846, sd: 0.329387, w: 0.148547 },
      logWords: { mean: 2.39735, sd: 0.27397, w: -0.796737 },
      meanDeltaByLength: { mean: 1.8654, sd: 1.28341, w: 1.48824 },
      strongShareByLength: { mean: 0.190796, sd: 0.138142, w: 0.775946 },
      coherence: { mean: 0.356665, sd: 0.0504481, w: -0.180983 },
      shiftMean: { mean: 0.103901, sd: 0.0399502, w: 0.669193 },
      shiftShare: { mean: 0.258978, sd: 0.0877953, w: 0.471277 },
      shiftTop: { mean: 0.421398, sd: 0.1156, w: 1.9096 },
    },
  },
  likelySpunThreshold: 0.67,
};
// fit:trigram:end

/** The constants for a context model: with CMU's language model, or the SymSpell counts. */
export function weightsFor(languageModel: boolean): DetectorWeights {
  return languageModel ? TRIGRAM_WEIGHTS : SYMSPELL_WEIGHTS;
}
