// English function words. A fixed list, not one derived from frequencies: spinners leave function
// words alone (thesauri have no useful synonyms for them), so they carry no spin evidence, and
// a fixed list keeps results stable across data versions. Contractions are listed in the split
// forms tokenizers produce ("n't", "'s") as well as whole.

const WORDS = `
a an the this that these those such what which whatever whichever whose
some any no every each either neither both all few several many much more most less least
other another own same enough
i me my mine myself we us our ours ourselves you your yours yourself yourselves
he him his himself she her hers herself it its itself they them their theirs themselves
one ones oneself who whom whoever whomever someone somebody something anyone anybody anything
everyone everybody everything nobody nothing none
be am is are was were been being
have has had having do does did doing done
will would shall should can could may might must ought
'm 're 's 've 'd 'll n't not no nor never
isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't
shan't shouldn't can't cannot couldn't mustn't mightn't needn't
i'm you're he's she's it's we're they're i've you've we've they've i'd you'd he'd she'd we'd
they'd i'll you'll he'll she'll we'll they'll that's there's here's what's who's let's
and or but if then else so yet because since although though while whereas unless until
till whether as than that lest
about above across after against along amid among amongst around at before behind below
beneath beside besides between beyond by despite down during except for from in inside into
like near of off on onto out outside over past per plus regarding round through throughout to
toward towards under underneath unlike up upon via with within without
very too also just only even still already again ever quite rather really almost
here there where when why how now then thus hence however therefore
`;

const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w.length > 0));

/** True for function words; expects a lower-cased token, tolerates typographic apostrophes. */
export function isStopword(word: string): boolean {
  if (STOPWORDS.has(word)) return true;
  const w = word.toLowerCase().replace(/\u2019/g, "'");
  return w !== word && STOPWORDS.has(w);
}

export function stopwordList(): readonly string[] {
  return [...STOPWORDS];
}
