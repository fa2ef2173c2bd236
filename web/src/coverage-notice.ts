/**
 * What the page says while a window's order history is being read from TikTok (newest days
 * first): how far it is, and that the order figures appear by themselves once it is all read.
 * (A notice of `status.ts`; kept apart from the DOM so it is tested without a browser.)
 */
export function readingNotice(shopName: string, coverage: { days: number; share: number }, windowDays: number): { tone: 'info'; text: string } {
  const percent = Math.floor(coverage.share * 100);
  return {
    tone: 'info',
    text: `Reading ${shopName}'s order history from TikTok: ${coverage.days} of ${windowDays} days so far (${percent}%). The order figures appear once the whole window is read; this page updates itself.`,
  };
}
