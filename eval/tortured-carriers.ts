// Carrier sentences for the tortured-phrase evaluation, written for this project: generic templates
// of news, science, business and policy prose with one slot, {P}, for a phrase. Every template reads
// with a singular or a plural noun phrase (past tense and modals, no agreement), and the slot
// stands at the start of a sentence, after a determiner, before punctuation, at the end, inside a
// quotation and in a list, since a phrase's neighbours are the context the detector scores.
// Nothing here is drawn from the evaluation data.

export const CARRIERS: readonly string[] = [
  // sentence start
  "{P} was the main topic of the workshop held in Geneva last week.",
  "{P} could change how hospitals plan their budgets, the report said.",
  "{P} remained a concern for regulators throughout the year.",
  "{P} played a central role in the study, according to the authors.",
  // after a determiner or a preposition
  "The researchers said the {P} improved the accuracy of their results.",
  "In the new paper, the team describes a {P} that runs on a single laptop.",
  "The company said it would invest heavily in {P} over the next five years.",
  "Officials at the ministry said the {P} had been tested in three regions.",
  "Much of the debate at the conference centred on {P} and its limits.",
  "The startup raised money from investors who were impressed by its {P}.",
  "According to the survey, most firms still lack experience with {P}.",
  "The authors compared their {P} with two earlier methods on public data.",
  "Critics argued that the {P} described in the proposal was too costly.",
  "A spokesman said the agency had no plans to regulate {P} this year.",
  "Students in the course learn the basics of {P} in the first semester.",
  "The hospital began using {P} to reduce waiting times in its clinics.",
  // before punctuation and at the end
  "Engineers at the plant spent months working on {P}, the statement said.",
  "The findings, which relied on {P}, were published on Tuesday.",
  "Shares in the group rose after it announced a deal involving {P}.",
  "The grant will fund a new laboratory dedicated to {P}.",
  "Few of the managers interviewed for the report understood {P}.",
  "The chapter ends with a short discussion of {P}.",
  "Investors have poured billions of dollars into {P}.",
  "The minister promised more funding for {P} in next year's budget.",
  // lists and clauses
  "The programme covers statistics, {P} and data ethics.",
  "Topics such as {P}, energy prices and privacy dominated the agenda.",
  "Last year the unit focused on {P}, while this year it will study costs.",
  "While {P} showed promise in the laboratory, field trials were delayed.",
  "The review found that {P} was rarely explained to patients.",
  "Neither the board nor the auditors had examined {P} in detail.",
  // quotations
  "\"We believe {P} will matter more than ever,\" the chief executive said.",
  "\"Our work on {P} is only beginning,\" she told reporters on Monday.",
  "The professor said that \"{P} is widely misunderstood\" by policymakers.",
  // science register
  "In this section we evaluate the {P} on three benchmark datasets.",
  "Table 2 summarises the {P} used in each of the experiments.",
  "Previous studies have applied {P} to small samples only.",
  "We then describe how the {P} was measured during the trial.",
  "The results suggest that {P} can be improved with little extra cost.",
  "Section 4 presents the {P} and discusses its main limitations.",
  "This approach combines {P} with a simple statistical model.",
];

/** The carrier with the slot filled; a phrase at the start of a sentence is capitalised. */
export function fill(carrier: string, phrase: string): { text: string; start: number; end: number } {
  const at = carrier.indexOf("{P}");
  const startsSentence = at === 0 || /["“]$/.test(carrier.slice(0, at)) && at <= 1;
  const p = startsSentence ? phrase[0]!.toUpperCase() + phrase.slice(1) : phrase;
  return { text: carrier.slice(0, at) + p + carrier.slice(at + 3), start: at, end: at + p.length };
}
