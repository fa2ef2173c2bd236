/**
 * Debian's Chromium, headless, for the end-to-end tests (driven by playwright-core, which brings
 * no browser of its own): where it lives, how it starts quietly on a machine without internet,
 * and the describe that skips, saying how to install it, where it is missing.
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `describe` where Chromium is installed; elsewhere `describe.skip`, with a line saying how to install it. */
export const describeWithChromium: jest.Describe = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`test/e2e skipped: no ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium`);

/** A headless Chromium on the profile folder `profile` (the caller removes it after `close()`). */
export function launchChromium(profile: string, options: { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
}
