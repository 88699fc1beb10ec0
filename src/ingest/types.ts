// What ingest produces: articles, and records that were skipped with a reason. A bad record is
// an event, not an exception, so one broken file never stops a batch.

export interface Article {
  /** Stable content hash of the normalised text (see articleId): exact duplicates share it. */
  id: string;
  /** Where the article came from: the page URL, or `file://` + absolute path for local files. */
  url?: string;
  title?: string;
  author?: string;
  /** Publication date, ISO 8601 (a date that does not parse is left out). */
  published?: string;
  /** Site or publisher name; falls back to the URL's host where one is known. */
  site?: string;
  /** The article's main text, paragraphs separated by blank lines. */
  text: string;
}

export type Format = "text" | "html" | "warc" | "feed" | "jsonl";

export interface ArticleEvent {
  kind: "article";
  /** The input (path as given, or "<stdin>") the article was read from. */
  input: string;
  /** Where inside the input: a WARC record's URI, a feed item number, a JSONL line. */
  record?: string;
  article: Article;
  /** What reading guessed or changed that a report on it should say (bytes not UTF-8 replaced, an encoding guessed). */
  notes?: string[];
}

export interface SkipEvent {
  kind: "skip";
  input: string;
  record?: string;
  /** One line saying why, for the summary (`binary data`, `line 7: not JSON`, ...). */
  reason: string;
}

export type IngestEvent = ArticleEvent | SkipEvent;

export interface ReadArticlesOptions {
  /**
   * Skip single documents over this many bytes (default 50 MiB): a file read whole, one WARC
   * record, one JSONL line, a page's decompressed body, a plain .gz decompressed. WARCs stream.
   */
  maxBytes?: number;
  /**
   * Stop reading one input after this many bytes decompressed (.warc.gz, .jsonl.gz) or streamed
   * from a pipe or stdin (default 16 GiB); what was read before is kept, the rest is a skip.
   */
  maxFileBytes?: number;
  /**
   * How the caller's users raise the limits (e.g. `{ maxBytes: "--max-bytes" }`), named in skip
   * reasons as "(raise --max-bytes)". Without it, reasons state the limit and name no option.
   */
  optionNames?: { maxBytes?: string; maxFileBytes?: string };
  /** Stream for "-" (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Force a format instead of detecting it from extension and content. */
  format?: Format;
  /** Called with the total input bytes read so far in this call (compressed size for .gz), for progress bars. */
  onBytes?: (n: number) => void;
}
