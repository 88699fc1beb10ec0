// Headless Chromium for tests that look at pages as a user would: Debian's chromium package
// driven by playwright-core (no browser download). Tests skip with a reason when it is absent;
// .ci/run installs it. playwright starts each browser with a fresh temporary profile.
import { existsSync, mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM = process.env.UNSPIN_CHROMIUM ?? "/usr/bin/chromium";
export const noBrowser = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent (apt-get install chromium)`;

/** Where tests keep screenshots for people to look at (git-ignored). */
export const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
