/** Which requests may open a subscription, by their browser headers (src/subscriptions/origin-policy.ts). */
import { originProblem } from '../../../src/subscriptions/origin-policy';

const ALLOWED = new Set(['http://localhost:5173']);
const HOST = { host: '127.0.0.1:4000' };

describe('the subscription origin policy', () => {
  it('lets servers and tools (no Origin, no Sec-Fetch-Site) through to authentication', () => {
    expect(originProblem({ ...HOST }, ALLOWED)).toBeNull();
  });

  it('lets the configured origin and ShopGraph’s own pages subscribe', () => {
    expect(originProblem({ ...HOST, origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site' }, ALLOWED)).toBeNull();
    expect(originProblem({ ...HOST, origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-origin' }, ALLOWED)).toBeNull();
    // Typed into the address bar: the user's own navigation.
    expect(originProblem({ ...HOST, 'sec-fetch-site': 'none' }, ALLOWED)).toBeNull();
  });

  it('refuses another origin', () => {
    expect(originProblem({ ...HOST, origin: 'https://evil.example' }, ALLOWED)).toMatch(/"https:\/\/evil.example" are not allowed/);
  });

  it("refuses a page's no-cors request, which carries no Origin, from another site or another port", () => {
    expect(originProblem({ ...HOST, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }, ALLOWED)).toMatch(/cross-site request without an Origin/);
    expect(originProblem({ ...HOST, 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' }, ALLOWED)).toMatch(/same-site request without an Origin/);
  });
});
