// Child process for the crash test: writes batches of 50 documents (with postings) into the index
// given as argv[2] until it is killed.
import { openSqliteStore } from "../../src/store/sqlite.js";

const store = await openSqliteStore(process.argv[2]!);
for (let b = 0; ; b++) {
  const batch = Array.from({ length: 50 }, (_, i) => {
    const n = b * 50 + i;
    return { id: `doc${n}`, url: `https://x.example/${n}`, text: `Text ${n} `.repeat(200), keys: [n, n + 1, 7] };
  });
  await store.putDocuments(batch);
  if (b === 0) process.stdout.write("started\n");
}
