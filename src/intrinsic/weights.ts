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
  bias: 8.42444,
  features: {
    collocationRate: { mean: 8.12004, sd: 5.12552, w: 0.518867 },
    phraseRate: { mean: 1.03041, sd: 1.29, w: 0.239398 },
    nonWordRate: { mean: 0.0426556, sd: 0.17163, w: -0.027118 },
    artifactRate: { mean: 0.943485, sd: 1.81758, w: 1.40766 },
    quoteRate: { mean: 0.111299, sd: 0.27233, w: -0.0329746 },
    meanDelta: { mean: 0.663504, sd: 0.408797, w: 1.66272 },
    weakShare: { mean: 0.105344, sd: 0.0612087, w: 0.857552 },
    strongShare: { mean: 0.0693833, sd: 0.0470846, w: 0.551438 },
    unattestedShare: { mean: 0.335503, sd: 0.117442, w: 0.496205 },
    rarerShare: { mean: 0.134111, sd: 0.069539, w: 1.5927 },
    meanLogFreq: { mean: 7.20608, sd: 0.349751, w: -0.380644 },
    logWords: { mean: 2.39706, sd: 0.272157, w: -0.396826 },
    meanDeltaByLength: { mean: 1.59813, sd: 1.00196, w: 1.96499 },
    strongShareByLength: { mean: 0.167102, sd: 0.114845, w: 0.930617 },
  },
};

/** Document score at or above which the verdict is `likely-spun` (chosen on dev). */
export const LIKELY_SPUN_THRESHOLD = 0.67;
