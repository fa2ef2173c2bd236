import { execute, parse } from 'graphql';
import { buildShopGraphSchema } from '../../../src/schema/build-schema';
import type { GraphContext } from '../../../src/resolvers/context';
import type { Scope } from '../../../src/security/scopes';

/**
 * `_entities` as a router (or an attacker) calls it: every representation is checked before any
 * lookup starts, so no lookup is ever left running with nobody awaiting it (issue 17, finding 1:
 * an unknown `__typename` after a real one killed the process on the orphan's rejection).
 */
const schema = buildShopGraphSchema();
const QUERY = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

/** A context whose shop lookups wait until the test settles them; counts every lookup started. */
function context(scopes: Scope[], shops: string[]) {
  const pending: { reject: (e: Error) => void; resolve: (v: null) => void }[] = [];
  const ctx = {
    caller: { name: 't', kind: 'api-key', shops: new Set(shops), scopes: new Set(scopes) },
    loaders: {
      shop: { load: () => new Promise<null>((resolve, reject) => pending.push({ resolve, reject })) },
      order: { load: () => new Promise<null>((resolve, reject) => pending.push({ resolve, reject })) },
    },
  };
  return { ctx: ctx as unknown as GraphContext, pending };
}

async function run(representations: unknown[], scopes: Scope[] = ['shops:read', 'orders:read'], shops = ['1']) {
  const { ctx, pending } = context(scopes, shops);
  const result = await execute({ schema, document: parse(QUERY), variableValues: { r: representations }, contextValue: ctx });
  return { result, pending, codes: (result.errors ?? []).map((e) => e.extensions.code) };
}

/** Rejections nobody handled while `work` ran and one turn of the event loop after it. */
async function unhandledDuring(work: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const record = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', record);
  try {
    await work();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', record);
  }
  return seen;
}

describe('_entities representations', () => {
  it('refuses an unknown __typename before any lookup starts, so nothing is left to reject later', async () => {
    let answer: Awaited<ReturnType<typeof run>> | undefined;
    const unhandled = await unhandledDuring(async () => {
      answer = await run([{ __typename: 'Order', shopId: '1', id: '1' }, { __typename: 'X' }]);
      // What an orphaned lookup did in the finding: reject after the answer was sent.
      for (const p of answer.pending) p.reject(new Error('late upstream failure'));
    });
    expect(unhandled.map(String)).toEqual([]);
    expect(answer?.codes).toEqual(['BAD_USER_INPUT']);
    expect(answer?.pending).toHaveLength(0);
  });

  it.each([
    ['a representation that is not an object', ['Order']],
    ['a missing key field', [{ __typename: 'Order', id: '1' }]],
    ['a key that is not a decimal id', [{ __typename: 'Order', shopId: '1', id: 'abc' }]],
    ['a 100-digit id', [{ __typename: 'Product', shopId: '1', id: '1'.repeat(100) }]],
    ['a type that is not an entity', [{ __typename: 'Money' }]],
    ['__typename of another kind', [{ __typename: 7 }]],
  ])('answers BAD_USER_INPUT to %s, starting no lookup', async (_name, representations) => {
    const { codes, pending, result } = await run(representations);
    expect(codes).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^representations/);
    expect(pending).toHaveLength(0);
  });

  it("needs the scope of each representation's type even when only __typename is selected (no existence oracle)", async () => {
    const { codes, pending } = await run([{ __typename: 'Order', shopId: '1', id: '1' }], ['shops:read']);
    expect(codes).toEqual(['FORBIDDEN']);
    expect(pending).toHaveLength(0);
  });

  it('resolves valid representations, each failing on its own', async () => {
    const { ctx, pending } = context(['shops:read', 'orders:read'], ['1']);
    const answer = execute({
      schema,
      document: parse(QUERY),
      variableValues: {
        r: [
          { __typename: 'Shop', id: '1' },
          { __typename: 'Shop', id: '2' },
        ],
      },
      contextValue: ctx,
    });
    await new Promise((resolve) => setImmediate(resolve));
    for (const p of pending) p.resolve(null);
    const result = await answer;
    expect(result.data).toEqual({ _entities: [null, null] });
    expect(result.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['_entities', 1], 'NOT_FOUND']]);
  });
});
