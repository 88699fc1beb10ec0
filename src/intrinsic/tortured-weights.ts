// Tuned constants of the tortured-phrase detector (tortured.ts), one set per context model. Fit on
// the tune half of ../shared/data/tortured-phrases/dev.csv (in carrier sentences written for the
// project) and the dev half of unspun news by `node --import tsx eval/tortured.ts --fit`; see
// eval/results/tortured.md. Edit by re-fitting: the script rewrites the block between the markers
// of its condition. Only weights live here, never a phrase.

export interface Weight {
  mean: number;
  sd: number;
  w: number;
}

export interface TorturedWeights {
  /** Candidate score: sum of w * (x - mean) / sd over CANDIDATE_FEATURES (tortured.ts). */
  candidate: Weight[];
  /** Score of "no swap": bias + the same sum over PAIR_FEATURES. */
  pair: Weight[];
  bias: number;
  /** A pair fires when its best candidate beats "no swap" by this much. */
  threshold: number;
}


// fit:trigram:begin
/** Context model from CMU's trigram model (Debian pocketsphinx-en-us). */
export const TORTURED_TRIGRAM: TorturedWeights = {
  candidate: [
    { mean: 4.02457, sd: 2.04477, w: 0.0987236 }, // inner
    { mean: 0.0841359, sd: 2.77297, w: 0.620515 }, // context
    { mean: 0.975365, sd: 1.96009, w: 0.340143 }, // association
    { mean: -7.84099, sd: 1.72064, w: 0.315932 }, // conditional
    { mean: 0.6335, sd: 0.408285, w: 0.144117 }, // cos
    { mean: 0.43072, sd: 0.555326, w: 0.208932 }, // synonym
    { mean: 0.357973, sd: 0.486548, w: -0.250662 }, // similar
    { mean: 0.627244, sd: 0.589776, w: -0.0925332 }, // hypernym
    { mean: 0.0242489, sd: 0.158084, w: -0.0446682 }, // derived
    { mean: 0, sd: 1, w: 0 }, // other
    { mean: 0.440185, sd: 0.496409, w: -0.136115 }, // both
    { mean: 1.3748, sd: 2.29514, w: -0.0770258 }, // prior
    { mean: 0.0939981, sd: 0.155682, w: -0.0219521 }, // cohesion
  ],
  pair: [
    { mean: 0.126271, sd: 0.106594, w: 0.531951 }, // cohesion
    { mean: -12.0051, sd: 1.84459, w: -0.0960585 }, // conditional
    { mean: 1, sd: 1, w: 0 }, // nominal
    { mean: 0.0651687, sd: 0.102083, w: 0.128508 }, // productiveRight
    { mean: 0.0463395, sd: 0.0801266, w: 0.0162498 }, // productiveLeft
    { mean: -10.8447, sd: 1.73172, w: 0.267438 }, // rarest
    { mean: 1.22695, sd: 0.507491, w: 0.974064 }, // candidates
    { mean: 1.66586, sd: 0.486587, w: -0.149515 }, // sides
  ],
  bias: 1.19492,
  threshold: 1,
};
// fit:trigram:end

// fit:symspell:begin
/** Context model from the SymSpell word and bigram counts (no trigram model installed). */
export const TORTURED_SYMSPELL: TorturedWeights = {
  candidate: [
    { mean: 3.10432, sd: 1.56735, w: -0.0751478 }, // inner
    { mean: -0.299419, sd: 2.32569, w: 0.230552 }, // context
    { mean: 1.60147, sd: 1.57682, w: 0.704628 }, // association
    { mean: -6.49652, sd: 1.4069, w: 0.0479705 }, // conditional
    { mean: 0.590009, sd: 0.36072, w: -0.718244 }, // cos
    { mean: 0.305476, sd: 0.484403, w: 0.630317 }, // synonym
    { mean: 0.389861, sd: 0.494003, w: -0.371742 }, // similar
    { mean: 0.614279, sd: 0.560483, w: 0.302429 }, // hypernym
    { mean: 0.0353533, sd: 0.184671, w: -0.205419 }, // derived
    { mean: 0, sd: 1, w: 0 }, // other
    { mean: 0.344969, sd: 0.475358, w: 0.532772 }, // both
    { mean: 0.634448, sd: 2.12171, w: -0.147345 }, // prior
    { mean: 0.0974025, sd: 0.141679, w: -0.200356 }, // cohesion
  ],
  pair: [
    { mean: 0.17407, sd: 0.0932992, w: 0.547994 }, // cohesion
    { mean: -9.42029, sd: 1.42142, w: -0.310679 }, // conditional
    { mean: 1, sd: 1, w: 0 }, // nominal
    { mean: 0.0731069, sd: 0.124792, w: -0.178994 }, // productiveRight
    { mean: 0.0383578, sd: 0.0589264, w: -0.117481 }, // productiveLeft
    { mean: -9.80153, sd: 1.60038, w: 1.06471 }, // rarest
    { mean: 1.06231, sd: 0.523697, w: 1.34814 }, // candidates
    { mean: 1.69204, sd: 0.474825, w: 0.142929 }, // sides
  ],
  bias: 1.43567,
  threshold: 1.75,
};
// fit:symspell:end

export function torturedWeightsFor(trigram: boolean): TorturedWeights {
  return trigram ? TORTURED_TRIGRAM : TORTURED_SYMSPELL;
}
