import { addDays, nextStep, windowCoverage } from '../../../../src/metrics/ledger/backfill-steps';

describe('backfill steps', () => {
  const window = { from: '2026-01-01', to: '2026-03-31' };

  it('reads the newest days first, then steps back, each step twice the last, until the window is covered', () => {
    const steps: { from: string; to: string }[] = [];
    // Each step read extends the coverage back to its first day (the newest end stays).
    let coverage = null as { from: string; to: string | null } | null;
    for (let size = 7; ; size *= 2) {
      const step = nextStep(coverage, window, size);
      if (!step) break;
      steps.push(step);
      coverage = { from: step.from, to: coverage === null ? step.to : coverage.to };
    }
    expect(steps).toEqual([
      { from: '2026-03-25', to: '2026-03-31' },
      { from: '2026-03-11', to: '2026-03-24' },
      { from: '2026-02-11', to: '2026-03-10' },
      { from: '2026-01-01', to: '2026-02-10' },
    ]);
  });

  it('fills a gap after a coverage that ended in the past before reaching back', () => {
    expect(nextStep({ from: '2026-02-01', to: '2026-02-28' }, window, 7)).toEqual({ from: '2026-03-01', to: '2026-03-07' });
    expect(nextStep({ from: '2026-02-01', to: null }, window, 7)).toEqual({ from: '2026-01-25', to: '2026-01-31' });
    expect(nextStep({ from: '2025-12-01', to: null }, window, 7)).toBeNull();
  });

  it('states how much of a window a coverage holds', () => {
    expect(windowCoverage(null, window)).toEqual({ from: null, to: null, days: 0, share: 0, complete: false });
    expect(windowCoverage({ from: '2026-03-02', to: null }, window)).toEqual({
      from: '2026-03-02',
      to: '2026-03-31',
      days: 30,
      share: 30 / 90,
      complete: false,
    });
    expect(windowCoverage({ from: '2025-01-01', to: '2026-12-31' }, window)).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      days: 90,
      share: 1,
      complete: true,
    });
    expect(windowCoverage({ from: '2026-04-01', to: null }, window)).toEqual({ from: null, to: null, days: 0, share: 0, complete: false });
  });

  it('moves dates across month and year ends', () => {
    expect([addDays('2026-12-31', 1), addDays('2024-03-01', -1), addDays('2026-01-01', -1)]).toEqual(['2027-01-01', '2024-02-29', '2025-12-31']);
  });
});
