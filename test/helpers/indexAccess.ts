// Run as another user by test/store.errors.test.ts (root can write anything, so permission
// cases need an unprivileged user): opens each index given, to read or to write, and prints the
// outcomes as one JSON array. Arguments: MODE PATH [MODE PATH ...], MODE being read or write.
import { openSqliteStore } from "../../src/store/sqlite.js";
import { isUnspinError } from "../../src/errors.js";

const args = process.argv.slice(2);
const out: unknown[] = [];
for (let i = 0; i + 1 < args.length; i += 2) {
  const [mode, path] = [args[i]!, args[i + 1]!];
  try {
    const store = await openSqliteStore(path, { readonly: mode === "read" });
    if (mode === "write") await store.putDocuments([{ id: "probe", text: "probe words" }]);
    const documents = (await store.stats()).documents;
    await store.close();
    out.push({ ok: true, documents });
  } catch (e) {
    out.push(isUnspinError(e) ? { ok: false, code: e.code, message: e.message, hint: e.hint } : { ok: false, code: "INTERNAL", message: String(e) });
  }
}
console.log(JSON.stringify(out));
