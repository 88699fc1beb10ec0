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
    { mean: 4.01249, sd: 2.10289, w: 0.112991 }, // inner
    { mean: 0.0450559, sd: 2.85078, w: 0.692841 }, // context
    { mean: 0.895514, sd: 1.95354, w: 0.284683 }, // association
    { mean: -7.90343, sd: 1.7765, w: 0.362213 }, // conditional
    { mean: 0.671378, sd: 0.384697, w: 0.0226757 }, // cos
    { mean: 0.4338, sd: 0.568599, w: 0.253551 }, // synonym
    { mean: 0.335362, sd: 0.480033, w: -0.098826 }, // similar
    { mean: 0.722975, sd: 0.643179, w: -0.122343 }, // hypernym
    { mean: 0.0180448, sd: 0.135274, w: -0.016702 }, // derived
    { mean: 0.0435539, sd: 0.204573, w: -0.520082 }, // other
    { mean: 0.553736, sd: 0.497104, w: -0.182283 }, // both
    { mean: 1.44195, sd: 2.32492, w: -0.0444378 }, // prior
    { mean: 0.0821964, sd: 0.160267, w: 0.0942417 }, // cohesion
  ],
  pair: [
    { mean: 0.139593, sd: 0.117734, w: 0.541782 }, // cohesion
    { mean: -12.1624, sd: 1.91904, w: -0.036195 }, // conditional
    { mean: 1, sd: 1, w: 0 }, // nominal
    { mean: 0.0583758, sd: 0.0987693, w: 0.141173 }, // productiveRight
    { mean: 0.0426137, sd: 0.0791231, w: 0.03965 }, // productiveLeft
    { mean: -10.9036, sd: 1.7218, w: 0.181112 }, // rarest
    { mean: 1.29908, sd: 0.548855, w: 0.990373 }, // candidates
    { mean: 1.67944, sd: 0.481468, w: -0.145139 }, // sides
  ],
  bias: 1.38061,
  threshold: 1.5,
};
// fit:trigram:end

// fit:symspell:begin
/** Context model from the SymSpell word and bigram counts (no trigram model installed). */
export const TORTURED_SYMSPELL: TorturedWeights = {
  candidate: [
    { mean: 3.1593, sd: 1.57433, w: -0.0847542 }, // inner
    { mean: -0.269841, sd: 2.30126, w: 0.408578 }, // context
    { mean: 1.69092, sd: 1.58422, w: 0.585848 }, // association
    { mean: -6.44993, sd: 1.35722, w: 0.0114972 }, // conditional
    { mean: 0.614387, sd: 0.351745, w: -0.615402 }, // cos
    { mean: 0.328451, sd: 0.502736, w: 0.613874 }, // synonym
    { mean: 0.357743, sd: 0.490651, w: -0.112428 }, // similar
    { mean: 0.661876, sd: 0.591913, w: 0.285336 }, // hypernym
    { mean: 0.00751158, sd: 0.0863432, w: 0.0372752 }, // derived
    { mean: 0.0691477, sd: 0.25384, w: -1.33718 }, // other
    { mean: 0.42473, sd: 0.494302, w: 0.17426 }, // both
    { mean: 0.726167, sd: 2.30206, w: -0.120744 }, // prior
    { mean: 0.0920738, sd: 0.144804, w: -0.111699 }, // cohesion
  ],
  pair: [
    { mean: 0.181564, sd: 0.101737, w: 0.450573 }, // cohesion
    { mean: -9.44252, sd: 1.42747, w: -0.292287 }, // conditional
    { mean: 1, sd: 1, w: 0 }, // nominal
    { mean: 0.0682447, sd: 0.120966, w: -0.0230485 }, // productiveRight
    { mean: 0.0364257, sd: 0.058388, w: -0.006932 }, // productiveLeft
    { mean: -9.86608, sd: 1.63445, w: 0.914394 }, // rarest
    { mean: 1.10992, sd: 0.535048, w: 1.20995 }, // candidates
    { mean: 1.69185, sd: 0.474883, w: 0.0106736 }, // sides
  ],
  bias: 1.6248,
  threshold: 2,
};
// fit:symspell:end

export function torturedWeightsFor(trigram: boolean): TorturedWeights {
  return trigram ? TORTURED_TRIGRAM : TORTURED_SYMSPELL;
}
