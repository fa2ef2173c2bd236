import { EmulatorStats } from '../../../../src/emulator/stats';

describe('EmulatorStats', () => {
  it('counts calls per method and template, rejections per code, and resets', () => {
    const stats = new EmulatorStats();
    stats.countCall('POST', '/order/202309/orders/search');
    stats.countCall('POST', '/order/202309/orders/search');
    stats.countCall('GET', '/product/202309/products/:id');
    stats.countRejection(36009002);
    expect(stats.snapshot()).toEqual({
      calls: { 'POST /order/202309/orders/search': 2, 'GET /product/202309/products/:id': 1 },
      rejections: { '36009002': 1 },
      total: 3,
    });
    stats.reset();
    expect(stats.snapshot()).toEqual({ calls: {}, rejections: {}, total: 0 });
  });
});
