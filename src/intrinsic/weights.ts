// Tuned constants of the intrinsic detector. Chosen on the development split only by
// `node --import tsx eval/intrinsic.ts --fit` (see eval/results/intrinsic.md); edit by re-fitting.

/** odd-collocation fires when the best synonym beats the word by this many nats. */
export const COLLOCATION_MIN_DELTA = 2;
/** Weight of log P(word) in odd-collocation scores: 1 = joint probability, 0 = association only. */
export const PRIOR_WEIGHT = 1;
/** phrase-restoration fires when the best synonym pair beats the observed pair by this many nats. */
export const PHRASE_MIN_DELTA = 4;

/** Logistic model over standardised features: z = bias + sum(w * (x - mean) / sd). */
export const SCORE_MODEL: { bias: number; features: Record<string, { mean: number; sd: number; w: number }> } = {
  bias: 8.01522,
  features: {
    collocationRate: { mean: 8.0524, sd: 5.10486, w: 0.822458 },
    phraseRate: { mean: 1.01179, sd: 1.27574, w: 0.340475 },
    nonWordRate: { mean: 0.0508957, sd: 0.223596, w: -0.184157 },
    artifactRate: { mean: 0.943533, sd: 1.8254, w: 1.50295 },
    quoteRate: { mean: 0.105146, sd: 0.26025, w: -0.00141219 },
    meanDelta: { mean: 0.657874, sd: 0.407651, w: 1.54555 },
    weakShare: { mean: 0.10454, sd: 0.061189, w: 0.545937 },
    strongShare: { mean: 0.0693268, sd: 0.0471544, w: 0.419603 },
    unattestedShare: { mean: 0.335631, sd: 0.120324, w: 0.550404 },
    rarerShare: { mean: 0.133355, sd: 0.0692894, w: 1.54801 },
    meanLogFreq: { mean: 7.21249, sd: 0.328561, w: -0.309697 },
    logWords: { mean: 2.39735, sd: 0.27397, w: -0.474205 },
    meanDeltaByLength: { mean: 1.58502, sd: 0.996302, w: 1.9013 },
    strongShareByLength: { mean: 0.166956, sd: 0.114666, w: 0.812396 },
  },
};

/** Document score at or above which the verdict is `likely-spun` (chosen on dev). */
export const LIKELY_SPUN_THRESHOLD = 0.705;
