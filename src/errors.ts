// One catalogue of error codes. Every error a user can cause is an UnspinError with a code from
// here, a message that names the bad input, and a hint that says what to do. The CLI prints
// `unspin: <message> (<hint>)` and exits 2; it shows a stack only with --debug.

export const ERROR_CODES = {
  INPUT_MISSING: "the input does not exist",
  INPUT_IS_DIRECTORY: "a directory was given where a file is expected",
  INPUT_BINARY: "the input looks like binary data, not text",
  INPUT_INVALID_UTF8: "the input is not valid UTF-8",
  INPUT_EMPTY: "the input holds no words",
  INPUT_TOO_LARGE: "the input is over the size limit",
  INPUT_UNREADABLE: "the input could not be read",
  INPUT_FORMAT: "the input is not in the expected format",
  INDEX_VERSION: "the index was written by an incompatible version",
  INDEX_CORRUPT: "the index file is damaged or not an unspin index",
  INDEX_MISSING: "no index at the given location",
  INDEX_READONLY: "the index cannot be written (read-only file, folder or file system), or read where it was left needing to be written",
  INDEX_UNWRITABLE: "the index could not be created or written (permissions, disk full, I/O error)",
  INDEX_BUSY: "another process holds the index locked",
  INDEX_UNAVAILABLE: "the index's servers could not be reached, or did not confirm a write in time",
  OUTPUT_UNWRITABLE: "the output file could not be written",
  USAGE: "the command line is wrong",
  LEXICON: "the English lexicon could not be loaded",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class UnspinError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  constructor(code: ErrorCode, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnspinError";
    this.code = code;
    this.hint = hint;
  }
}

export function isUnspinError(e: unknown): e is UnspinError {
  return e instanceof UnspinError;
}

/** A Node file-system error's code in words (a bare "EACCES" tells a user nothing); the code itself when it has none here. */
export function errnoWords(code: string | undefined): string | undefined {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOSPC":
      return "no space left on the device";
    case "EROFS":
      return "the file system is read-only";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "EISDIR":
      return "it is a folder";
    default:
      return code;
  }
}
