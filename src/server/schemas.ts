// JSON Schemas of the API: fastify validates every request against them (ajv, no type coercion,
// unknown fields refused), and @fastify/swagger turns them into the OpenAPI document. Responses
// are serialised with JSON.stringify (see app.ts), so the response schemas describe the
// library's output and never filter it; test/server.test.ts checks them against real replies.
import { CLUSTERS_FORMATS } from "../report/clusters-render.js";
import { REPORT_SCHEMA } from "../report/schema.js";
import type { FastifySchemaValidationError } from "fastify/types/schema.js";
import { API_ERROR_CODES } from "./errors.js";

const str = (description: string, extra: Record<string, unknown> = {}) => ({ type: "string", description, ...extra });
const int = (description: string) => ({ type: "integer", description });
const num = (description: string) => ({ type: "number", description });

const articleFields = {
  url: str("Where the article was published; a document already indexed under this URL with another text is replaced (status `updated`).", { maxLength: 4096 }),
  title: str("Title (for an HTML page, taken from the page when not given).", { maxLength: 2000 }),
  author: str("Author.", { maxLength: 2000 }),
  published: str("Publication date, ISO 8601 preferred.", { maxLength: 100 }),
  site: str("Site or publisher (default: the URL's host).", { maxLength: 2000 }),
};

const textOrHtml = [{ required: ["text"] }, { required: ["html"] }];

export const documentSchema = {
  $id: "Document",
  type: "object",
  description: "One article: its text, or an HTML page whose main text is extracted as `unspin add` extracts an HTML file.",
  additionalProperties: false,
  properties: {
    text: str("The article's text."),
    html: str("An HTML page; its main text is extracted (Readability), and its title, author, date and site read from its metadata."),
    ...articleFields,
  },
  oneOf: textOrHtml,
} as const;

export const checkBodySchema = {
  type: "object",
  description: "A suspect article: `text`, or an HTML page as `html` (optionally with its `url`).",
  additionalProperties: false,
  properties: {
    text: str("The suspect's text; report offsets refer to it."),
    html: str("The suspect as an HTML page; its main text is extracted and report offsets refer to that text (ask for `texts=true` to get it)."),
    url: str("The suspect's URL, when known: a document indexed under it is the suspect itself and is not reported as its source. Without it, a document with the same text is taken for the suspect itself; with it, the same text indexed only under other URLs is reported as a word-for-word copy.", { maxLength: 4096 }),
    input: str("A name for the suspect, shown in the report as `input`.", { maxLength: 4096 }),
  },
  oneOf: textOrHtml,
} as const;

export const compareBodySchema = {
  type: "object",
  additionalProperties: false,
  required: ["suspect", "source"],
  properties: {
    suspect: str("The suspect text."),
    source: str("The source text it is compared with."),
    input: str("A name for the suspect, shown in the report as `input`.", { maxLength: 4096 }),
  },
} as const;

export const reportQuerySchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    format: { type: "string", enum: ["json", "html"], description: "`html`: the self-contained HTML report (as `unspin check --format html`). Default: JSON, or HTML when the Accept header asks for text/html and not JSON." },
    texts: { type: "string", enum: ["true", "false"], description: "`true`: answer `{report, texts}`, with the suspect's text (as extracted from HTML) and the texts of the sources found, for showing them side by side (in a check, these are stored documents: the token is needed when the server has one, as for the HTML report)." },
  },
} as const;

/** A number from 0 to 1 in a query string: 0, 0.35, .5, 1, 1.0. */
const FRACTION_PATTERN = "^(0(\\.\\d+)?|1(\\.0+)?|\\.\\d+)$";
/** What each pattern of the schemas asks for, in words, for the 400's message. */
const PATTERN_WORDS: Record<string, string> = { [FRACTION_PATTERN]: "a number from 0 to 1" };

export const clustersQuerySchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    // Query values are strings (types are not coerced): a number from 0 to 1, written out.
    minSimilarity: { type: "string", pattern: FRACTION_PATTERN, description: "Show only edges whose similarity is at least this number from 0 to 1 (default 0), as `unspin clusters --min-similarity`." },
    format: {
      type: "string",
      enum: [...CLUSTERS_FORMATS],
      description: "`json` (`unspin/clusters@1`), `csv` (one row per edge), `html` (a graph of who copied whom per cluster, each edge linked to its side-by-side comparison) or `text`. Default: JSON, or HTML when the Accept header asks for text/html and not JSON.",
    },
  },
} as const;

export const idParamsSchema = {
  type: "object",
  required: ["id"],
  properties: { id: str("A document id, as returned when it was added or listed in a report's `sources`.", { minLength: 1, maxLength: 200 }) },
} as const;

export const errorSchema = {
  $id: "Error",
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "hint"],
      properties: {
        code: { type: "string", enum: API_ERROR_CODES, description: "One code of src/errors.ts, or of the server's own (src/server/errors.ts)." },
        message: str("What went wrong, naming the bad field or input."),
        hint: str("What to do about it."),
      },
    },
  },
} as const;

const range = { type: "object", required: ["start", "end"], properties: { start: int("UTF-16 offset of the first character"), end: int("UTF-16 offset after the last character") } };
const place = { type: "object", required: ["start", "end", "text"], properties: { ...range.properties, text: str("Exactly the characters start..end of that text.") } };

export function reportSchema(ruleIds: readonly string[]) {
  return {
    $id: "Report",
    type: "object",
    description: `The versioned JSON report (\`${REPORT_SCHEMA}\`), as the library and \`unspin check --format json\` make it; documented in the README.`,
    required: ["schema", "verdict", "score", "sources", "findings", "stats", "notes"],
    properties: {
      schema: { type: "string", enum: [REPORT_SCHEMA] },
      input: str("The suspect as named in the request."),
      verdict: { type: "string", enum: ["spun-copy", "verbatim-copy", "rewrite", "same-story", "likely-spun", "no-evidence"] },
      score: num("0..1, strength of the verdict."),
      sources: {
        type: "array",
        items: {
          type: "object",
          required: ["id", "similarity", "coverage", "passages"],
          properties: {
            id: str("Document id in the index."),
            url: str("URL of the source."),
            title: str("Title of the source."),
            similarity: num("Identical share of the aligned suspect words."),
            coverage: num("Share of the suspect's words inside passages aligned to this source."),
            passages: {
              type: "array",
              items: { type: "object", required: ["suspect", "source", "similarity"], properties: { suspect: range, source: range, similarity: num("Share of the passage's suspect words matched.") } },
            },
          },
        },
      },
      findings: {
        type: "array",
        items: {
          type: "object",
          required: ["rule", "severity", "suspect", "confidence", "note"],
          properties: {
            rule: { type: "string", enum: ruleIds, description: "A rule of the catalogue (GET /api/rules)." },
            severity: { type: "string", enum: ["info", "warning", "error"] },
            suspect: place,
            source: { type: "object", required: ["id", "start", "end", "text"], properties: { id: str("Source document id."), ...place.properties } },
            suggestion: str("What was probably there before."),
            confidence: num("0..1"),
            note: str("One sentence explaining the finding."),
          },
        },
      },
      stats: {
        type: "object",
        required: ["suspectWords", "truncated"],
        properties: {
          suspectWords: int("Words of the suspect."),
          substitutionRate: num("Share of aligned suspect words that were substituted."),
          coverage: num("Share of the suspect aligned to its sources."),
          spinProbability: num("Source-free probability that the text is spinner output."),
          truncated: { type: "boolean", description: "A size budget cut the work short (see notes)." },
        },
      },
      notes: { type: "array", items: { type: "string" } },
      copies: {
        type: "array",
        description: "Indexed documents the suspect was traced to that are copies of it, not its sources (published after it, both dates known); not listed in `sources`. Where only the text suggests it, the source stays listed and `notes` says so.",
        items: { type: "object", required: ["id", "why"], properties: { id: str("Document id in the index."), url: str("Its URL."), title: str("Its title."), why: str("The evidence, in words.") } },
      },
      directionInDoubt: {
        type: "array",
        description: "Sources whose text suggests they copied the suspect rather than the other way round (the spinner's traces on their side only), with no dates to decide; still listed in `sources`, and `notes` says why.",
        items: { type: "object", required: ["id"], properties: { id: str("Document id in the index."), url: str("Its URL.") } },
      },
      indexed: { type: "object", required: ["id"], properties: { id: str("The suspect itself is indexed under this id; it is not listed as a source.") } },
    },
  };
}

export const reportWithTextsSchema = {
  type: "object",
  required: ["report", "texts"],
  description: "With `texts=true`: the report and the texts its offsets refer to.",
  properties: {
    report: { $ref: "Report#" },
    texts: {
      type: "object",
      required: ["suspect", "sources"],
      properties: {
        suspect: str("The suspect's text (for an HTML page, the text extracted from it)."),
        sources: { type: "object", additionalProperties: { type: "string" }, description: "Text of each source, by document id." },
      },
    },
  },
} as const;

export const storedDocumentSchema = {
  type: "object",
  required: ["id", "urls", "text"],
  properties: {
    id: str("Document id: a hash of the normalised text, shared by exact duplicates."),
    urls: { type: "array", items: { type: "string" }, description: "Every URL the document was added under." },
    title: str("Title."),
    author: str("Author."),
    published: str("Publication date."),
    site: str("Site or publisher."),
    text: str("The indexed text."),
  },
} as const;

export const addResultSchema = {
  type: "object",
  required: ["added", "duplicates", "updated", "skipped", "documents"],
  properties: {
    added: int("Documents with a new text."),
    duplicates: int("Documents whose text was already indexed (their URL is remembered)."),
    updated: int("URLs that held another text, now replaced by this one."),
    skipped: int("Documents not indexed (see their reason)."),
    documents: {
      type: "array",
      description: "One entry per document sent, in order.",
      items: {
        type: "object",
        required: ["line", "status"],
        properties: {
          line: int("1 for a JSON body; the line of an NDJSON body."),
          status: { type: "string", enum: ["added", "duplicate", "updated", "skipped"] },
          id: str("Document id (not for skipped documents)."),
          url: str("URL it was added under."),
          reason: str("Why it was skipped."),
        },
      },
    },
  },
} as const;

export const removeResultSchema = {
  type: "object",
  required: ["removed"],
  properties: { removed: { type: "object", required: ["id", "urls"], properties: { id: str("Id of the removed document."), urls: { type: "array", items: { type: "string" } } } } },
} as const;

export const statsSchema = {
  type: "object",
  required: ["documents", "urls", "sources", "siteCount", "postings", "ngrams", "sizeBytes", "schemaVersion"],
  properties: {
    documents: int("Documents (distinct texts)."),
    urls: int("URLs they were added under."),
    sources: { type: "array", description: "Documents per site, largest first (at most 20).", items: { type: "object", required: ["site", "documents"], properties: { site: str("Site or host."), documents: int("Documents of that site.") } } },
    siteCount: int("Distinct sites."),
    postings: int("Fingerprint postings."),
    ngrams: int("Stored n-gram counts."),
    sizeBytes: int("Bytes on disk."),
    schemaVersion: int("On-disk schema version."),
    corpusDocuments: int("Documents counted in the corpus n-gram sketch."),
    corpusTokens: int("Word tokens counted in the corpus n-gram sketch."),
  },
} as const;

export const rulesSchema = {
  type: "object",
  required: ["rules"],
  properties: {
    rules: {
      type: "array",
      description: "The rule catalogue (src/rules/catalogue.ts), with the colour reports give each rule.",
      items: {
        type: "object",
        required: ["id", "stage", "severity", "description", "example", "color", "weight"],
        properties: {
          id: str("Rule id, as in findings[].rule."),
          stage: { type: "string", enum: ["align", "intrinsic", "text"] },
          severity: { type: "string", enum: ["info", "warning", "error"] },
          description: str("What the rule means."),
          example: str("A short example, source -> suspect."),
          color: str("CSS colour of the rule's marks."),
          weight: { type: "string", enum: ["meaning", "edit", "evidence", "context"], description: "How a finding weighs: `meaning` changes what the source says (a number, a name, an opposite, a quotation), `edit` is a word swapped, `evidence` shows spinning by itself, `context` only informs." },
        },
      },
    },
  },
} as const;

export const healthSchema = {
  type: "object",
  required: ["status"],
  properties: {
    status: { type: "string", enum: ["ok", "stopping"] },
    version: str("unspin version."),
    uptimeSeconds: num("Seconds since the server started."),
    tokenRequired: { type: "boolean", description: "Writes and document reads need `Authorization: Bearer TOKEN`." },
    workers: {
      type: "object",
      description: "The pool that runs checks and compares.",
      properties: {
        threads: int("Worker threads alive."),
        queued: int("Tasks waiting for a worker."),
        completed: int("Tasks completed."),
        started: int("Workers started since the server started."),
        stopped: int("Workers stopped (a check past its time budget stops its worker; a new one takes its place)."),
      },
    },
  },
} as const;

/**
 * One line naming the bad field, from ajv's errors: `body.text must be string`, `line 3: url
 * must be string`, `body.uri is not a field this endpoint takes`.
 */
export function formatValidationErrors(errors: readonly FastifySchemaValidationError[], part: string): string {
  // ajv reports every error (allErrors); the first of the most telling kind names the field.
  const rank = (keyword: string) => ["additionalProperties", "type", "enum", "required", "oneOf"].indexOf(keyword) >>> 0;
  // A oneOf of `required` alternatives also reports each failed branch; the oneOf says it better.
  const relevant = errors.some((e) => e.keyword === "oneOf") ? errors.filter((e) => !(e.keyword === "required" && e.schemaPath.includes("oneOf"))) : errors;
  const pick = [...relevant].sort((a, b) => rank(a.keyword) - rank(b.keyword))[0];
  if (!pick) return `${part} is not valid`;
  const segments = pick.instancePath.split("/").filter(Boolean);
  let where = part;
  if (segments.length && /^\d+$/.test(segments[0]!)) where = `line ${Number(segments.shift()) + 1}:`;
  const field = (name?: string) => {
    const path = [...segments, ...(name ? [name] : [])].join(".");
    if (where.endsWith(":")) return path ? `${where} ${path}` : `${where} the document`;
    return path ? `${where}.${path}` : where;
  };
  switch (pick.keyword) {
    case "oneOf":
      return `${field()} needs either a text or an html field (one of them, not both)`;
    case "required":
      return `${field(String(pick.params.missingProperty))} is missing`;
    case "additionalProperties":
      return `${field(String(pick.params.additionalProperty))} is not a field this endpoint takes`;
    case "type":
      return `${field()} must be ${/^[aeiou]/.test(String(pick.params.type)) ? "an" : "a"} ${String(pick.params.type)}`;
    case "pattern":
      return `${field()} must be ${PATTERN_WORDS[String(pick.params.pattern)] ?? `of the form ${String(pick.params.pattern)}`}`;
    case "enum":
      return `${field()} must be one of ${(pick.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return `${field()} ${pick.message ?? "is not valid"}`;
  }
}
