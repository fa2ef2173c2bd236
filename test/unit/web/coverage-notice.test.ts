/** What the dashboard says while a window's order history is still being read (issue 18). */
import { readingNotice } from '../../../web/src/coverage-notice';

describe('the reading notice', () => {
  it('says how many of the window’s days are read, as a whole percentage never rounded up to done', () => {
    expect(readingNotice('Acme', { days: 14, share: 14 / 90 }, 90)).toEqual({
      tone: 'info',
      text: "Reading Acme's order history from TikTok: 14 of 90 days so far (15%). The order figures appear once the whole window is read; this page updates itself.",
    });
    expect(readingNotice('Acme', { days: 89, share: 89 / 90 }, 90).text).toContain('89 of 90 days so far (98%)');
    expect(readingNotice('Acme', { days: 0, share: 0 }, 365).text).toContain('0 of 365 days so far (0%)');
  });
});
