// Tuned constants of the intrinsic detector. Chosen on the development split only by
// `node --import tsx eval/intrinsic.ts --fit` (see eval/results/intrinsic.md); edit by re-fitting.

/** odd-collocation fires when the best synonym beats the word by this many nats. */
export const COLLOCATION_MIN_DELTA = 4;
/** Weight of log P(word) in odd-collocation scores: 1 = joint probability, 0 = association only. */
export const PRIOR_WEIGHT = 1;
/** Nats of odd-collocation evidence per cosine unit of topic shift (coherence.ts); 0 = off. */
export const SHIFT_WEIGHT = 20;
/** phrase-restoration fires when the best synonym pair beats the observed pair by this many nats. */
export const PHRASE_MIN_DELTA = 4;

/** Logistic model over standardised features: z = bias + sum(w * (x - mean) / sd). */
export const SCORE_MODEL: { bias: number; features: Record<string, { mean: number; sd: number; w: number }> } = {
  bias: 9.00838,
  features: {
    collocationRate: { mean: 9.25775, sd: 5.7416, w: 1.12959 },
    phraseRate: { mean: 1.01179, sd: 1.27574, w: 0.185065 },
    nonWordRate: { mean: 0.0508957, sd: 0.223596, w: -0.0825577 },
    artifactRate: { mean: 0.943533, sd: 1.8254, w: 0.957358 },
    quoteRate: { mean: 0.105146, sd: 0.26025, w: 0.00792018 },
    meanDelta: { mean: 0.657874, sd: 0.407651, w: 1.10703 },
    weakShare: { mean: 0.10454, sd: 0.061189, w: 0.195074 },
    strongShare: { mean: 0.0693268, sd: 0.0471544, w: 0.387655 },
    unattestedShare: { mean: 0.335631, sd: 0.120324, w: 0.172257 },
    rarerShare: { mean: 0.133355, sd: 0.0692894, w: 0.524876 },
    meanLogFreq: { mean: 7.21249, sd: 0.328561, w: -0.249256 },
    logWords: { mean: 2.39735, sd: 0.27397, w: -0.860885 },
    meanDeltaByLength: { mean: 1.58502, sd: 0.996302, w: 1.24003 },
    strongShareByLength: { mean: 0.166956, sd: 0.114666, w: 0.555727 },
    coherence: { mean: 0.348662, sd: 0.0517715, w: -0.258892 },
    shiftMean: { mean: 0.114163, sd: 0.0427119, w: 0.527419 },
    shiftShare: { mean: 0.274205, sd: 0.0939236, w: 0.413533 },
    shiftTop: { mean: 0.455811, sd: 0.116558, w: 2.66356 },
  },
};

/** Document score at or above which the verdict is `likely-spun` (chosen on dev). */
export const LIKELY_SPUN_THRESHOLD = 0.6;
