// Tuned constants of the intrinsic detector. Chosen on the development split only by
// `node --import tsx eval/intrinsic.ts --fit` (see eval/results/intrinsic.md); edit by re-fitting.

/** odd-collocation fires when the best synonym beats the word by this many nats. */
export const COLLOCATION_MIN_DELTA = 1;
/** phrase-restoration fires when the best synonym pair beats the observed pair by this many nats. */
export const PHRASE_MIN_DELTA = 6;

/** Logistic model over standardised features: z = bias + sum(w * (x - mean) / sd). */
export const SCORE_MODEL: { bias: number; features: Record<string, { mean: number; sd: number; w: number }> } = {
  "bias": 7.92037,
  "features": {
    "collocationRate": {
      "mean": 9.92573,
      "sd": 5.7598,
      "w": 0.72296
    },
    "phraseRate": {
      "mean": 0.788163,
      "sd": 1.12408,
      "w": 0.576995
    },
    "nonWordRate": {
      "mean": 0.0432077,
      "sd": 0.172186,
      "w": 0.0281458
    },
    "artifactRate": {
      "mean": 0.941997,
      "sd": 1.81472,
      "w": 1.14978
    },
    "quoteRate": {
      "mean": 0.11157,
      "sd": 0.272438,
      "w": -0.12122
    },
    "meanDelta": {
      "mean": 0.661131,
      "sd": 0.409082,
      "w": 2.98981
    },
    "weakShare": {
      "mean": 0.104979,
      "sd": 0.061266,
      "w": 0.758325
    },
    "strongShare": {
      "mean": 0.0691022,
      "sd": 0.0471229,
      "w": 1.55093
    },
    "unattestedShare": {
      "mean": 0.33537,
      "sd": 0.11748,
      "w": 0.675857
    },
    "rarerShare": {
      "mean": 0.133823,
      "sd": 0.0695107,
      "w": 1.56016
    }
  }
};

/** Document score at or above which the verdict is `likely-spun` (chosen on dev). */
export const LIKELY_SPUN_THRESHOLD = 0.63;
