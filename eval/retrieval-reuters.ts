// Reuters-21578 SGML to JSON Lines (text, title, url, published, site), so the retrieval
// evaluation and the ingest benchmark index it through the real JSONL ingest of `unspin add`.
// Only <REUTERS> records with a <BODY> become lines. The output goes outside the repository.
// Usage: node --import tsx eval/retrieval-reuters.ts DATA_DIR/reuters21578 OUT.jsonl
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => {
      const c = Number(n);
      // Control characters (&#2;, &#3;, &#127; ...) are wire-service framing, not text.
      return c < 32 && c !== 10 && c !== 9 ? "" : c === 127 ? "" : String.fromCharCode(c);
    })
    .replace(/&([a-z]+);/g, (m, e: string) => ENTITIES[e] ?? m);
}

function tag(record: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(record);
  return m ? decode(m[1]!).trim() : undefined;
}

const MONTHS: Record<string, string> = { JAN: "01", FEB: "02", MAR: "03", APR: "04", MAY: "05", JUN: "06", JUL: "07", AUG: "08", SEP: "09", OCT: "10", NOV: "11", DEC: "12" };

/** "26-FEB-1987 15:01:01.79" -> "1987-02-26T15:01:01Z". */
function isoDate(d: string | undefined): string | undefined {
  const m = d ? /^\s*(\d{1,2})-([A-Z]{3})-(\d{4}) (\d\d:\d\d:\d\d)/.exec(d) : null;
  if (!m || !MONTHS[m[2]!]) return undefined;
  return `${m[3]}-${MONTHS[m[2]!]}-${m[1]!.padStart(2, "0")}T${m[4]}Z`;
}

export interface ReutersRecord {
  text: string;
  title?: string;
  url: string;
  published?: string;
  site: string;
}

/** Every <REUTERS> record with a BODY, in file order (files sorted by number). */
export function readReuters(dir: string): ReutersRecord[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sgm"))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const out: ReutersRecord[] = [];
  for (const f of files) {
    // The files are ASCII apart from a few stray Latin-1 bytes.
    const sgml = new TextDecoder("latin1").decode(readFileSync(join(dir, f)));
    for (const m of sgml.matchAll(/<REUTERS\b([^>]*)>([\s\S]*?)<\/REUTERS>/g)) {
      const body = tag(m[2]!, "BODY");
      if (!body) continue;
      const id = /NEWID="(\d+)"/.exec(m[1]!)?.[1] ?? `${f}:${out.length}`;
      const title = tag(m[2]!, "TITLE");
      const published = isoDate(tag(m[2]!, "DATE"));
      // Bodies end with the " Reuter" sign-off; it is part of the wire text and kept.
      out.push({ text: body.replace(/\r/g, ""), ...(title ? { title } : {}), url: `reuters21578:${id}`, ...(published ? { published } : {}), site: "reuters" });
    }
  }
  return out;
}

export function writeReutersJsonl(dir: string, out: string): number {
  const records = readReuters(dir);
  writeFileSync(out, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return records.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) {
    console.error("usage: node --import tsx eval/retrieval-reuters.ts DATA_DIR/reuters21578 OUT.jsonl");
    process.exit(2);
  }
  console.log(`${writeReutersJsonl(dir, out)} records -> ${out}`);
}
