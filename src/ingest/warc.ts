// WARC and WARC.gz crawls, streamed record by record with warcio: only HTTP `response` records
// holding HTML become articles (a crawl is mostly requests, images and scripts, which are not
// "bad records" and are passed over silently). URL and date come from the WARC headers, the
// charset from the HTTP Content-Type. A damaged or truncated file yields the records before the
// damage, then one skip that says where reading stopped.

import { WARCParser } from "warcio";
import { makeArticle } from "./article.js";
import { decodeWebBytes } from "./charset.js";
import { extractHtml } from "./html.js";
import type { Article } from "./types.js";

export type WarcRecord = { record: string; article: Article } | { record: string; reason: string };

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)/i;

/** warcio's record body reader: `limit` is what Content-Length promised and has not arrived. */
interface LimitedBody {
  limit?: number;
}

function missingBytes(rec: unknown): number {
  const body = (rec as { _reader?: LimitedBody } | null)?._reader;
  return typeof body?.limit === "number" ? body.limit : 0;
}

/**
 * Reads an uncompressed WARC stream (the caller gunzips .warc.gz with zlib, which, unlike the
 * decompressor inside warcio, reports a truncated gzip member instead of ending quietly).
 */
export async function* readWarc(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<WarcRecord> {
  const parser = new WARCParser(source);
  let n = 0;
  let last = "start of file";
  let prev: unknown = null;
  try {
    for await (const rec of parser) {
      n++;
      prev = rec;
      const uri = rec.warcTargetURI ?? `record ${n}`;
      last = uri;
      // Every WARC record has a Content-Length; a header block without one was cut off.
      if (rec.warcHeader("Content-Length") == null) throw new Error("record header cut short (no Content-Length)");
      if (rec.warcType !== "response" || !rec.httpHeaders) continue;
      const contentType = rec.httpHeaders.headers.get("content-type");
      if (!contentType || !HTML_TYPE.test(contentType)) continue;
      const status = Number(rec.httpHeaders.statusCode);
      if (status && (status < 200 || status >= 300)) {
        yield { record: uri, reason: `${uri}: HTTP ${status}, not a page` };
        continue;
      }
      const length = Number(rec.warcContentLength);
      if (length > maxBytes) {
        yield { record: uri, reason: `${uri}: record of ${length} bytes is over the limit of ${maxBytes}` };
        continue;
      }
      const payload = await rec.readFully(true);
      if (missingBytes(rec) > 0) throw new Error(`record cut short, ${missingBytes(rec)} bytes missing`);
      let fields;
      try {
        fields = extractHtml(decodeWebBytes(payload, contentType).text);
      } catch (e) {
        yield { record: uri, reason: `${uri}: HTML could not be read (${(e as Error).message})` };
        continue;
      }
      const a = makeArticle({ ...fields, url: rec.warcTargetURI ?? fields.url, published: fields.published ?? rec.warcDate ?? undefined });
      yield "reason" in a ? { record: uri, reason: `${uri}: ${a.reason}` } : { record: uri, article: a };
    }
    // The last record may have been passed over unread; warcio skipped to its end, so a
    // shortfall shows here.
    if (missingBytes(prev) > 0) throw new Error(`last record cut short, ${missingBytes(prev)} bytes missing`);
  } catch (e) {
    const at = n > 0 ? `at record ${n} (${last})` : "at the start";
    yield { record: `record ${n}`, reason: `WARC damaged or truncated ${at}: ${(e as Error).message}; records before it were read` };
  }
}
