// Unspun news prose written for this project: plain reporting, a quotation with names, technical
// terms, market jargon. Source-free detection must leave every one of them below its threshold.
export const PLAIN_NEWS = [
  'Dr Maria Okonkwo, who leads the genomics lab at St Thomas, said: "We sequenced the mRNA of 40 patients using ' +
    'CRISPR-based assays, and the results surprised us." The team at Imperial College London plans to publish its findings ' +
    "in Nature next month, and the hospital said the trial had been approved by its ethics board.",
  "The firm's pre-tax profit rose to 41m euros, while its capex on fibre-optic backhaul and 5G radio masts fell. " +
    "Analysts at two brokers said the margin on wholesale broadband would narrow as the regulator cut access charges.",
  "Wheat futures in Chicago rose 2 cents a bushel on Tuesday as dry weather in Kansas threatened the winter crop, " +
    "traders said. Soybean and corn prices were little changed ahead of the government's monthly supply report.",
  '"We will not accept a deal that leaves our farmers worse off," the agriculture minister, Anna Kowalski, told reporters ' +
    "in Warsaw on Tuesday, adding that talks with Brussels would resume next month.",
];
