import { describeChange, formatAge, formatMetric } from '../../../web/src/format';

describe('dashboard number formatting', () => {
  it('shows the API’s exact decimals, never a float’s', () => {
    expect(formatMetric({ name: 'GMV', unit: 'MONEY', value: '0.30', money: { amount: '0.30', currency: 'USD' } })).toBe('$0.30');
    expect(formatMetric({ name: 'GMV', unit: 'MONEY', value: '90071992547409.93', money: { amount: '90071992547409.93', currency: 'USD' } })).toBe(
      '$90,071,992,547,409.93',
    );
    expect(formatMetric({ name: 'ORDERS', unit: 'COUNT', value: '1204' })).toBe('1,204');
    expect(formatMetric({ name: 'REFUND_RATE', unit: 'RATIO', value: '0.088597' })).toBe('8.86%');
    expect(formatMetric({ name: 'ROAS', unit: 'RATIO', value: '1.348432' })).toBe('1.35×');
    expect(formatMetric({ name: 'LATE_SHIP_RATE', unit: 'RATIO', value: '0.092105' })).toBe('9.21%');
    expect(formatMetric({ name: 'ROAS', unit: 'RATIO', value: null })).toBe('—');
  });

  it('describes a change relative to the previous period, and a rate’s in points', () => {
    expect(describeChange('GMV', '110', '100', 'up')).toMatchObject({ text: '+10.0%', direction: 'up', tone: 'good' });
    expect(describeChange('REFUND_RATE', '0.12', '0.10', 'down')).toMatchObject({ text: '+2.00 pp', direction: 'up', tone: 'bad' });
    expect(describeChange('AD_SPEND', '50', '100', 'neither')).toMatchObject({ text: '−50.0%', direction: 'down', tone: 'neutral' });
    expect(describeChange('ORDERS', '5', '0', 'up')).toMatchObject({ text: 'new', tone: 'neutral' });
    expect(describeChange('ROAS', null, '1.2', 'up')).toMatchObject({ text: '—', direction: 'none' });
    expect(describeChange('GMV', '100.01', '100', 'up')).toMatchObject({ text: '+0.0%', direction: 'flat', tone: 'neutral' });
  });

  it('says how old the data is in the unit that reads best', () => {
    expect(formatAge(4.2)).toBe('4 s old');
    expect(formatAge(600)).toBe('10 min old');
    expect(formatAge(7200)).toBe('2 h old');
  });
});
