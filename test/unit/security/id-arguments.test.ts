import fc from 'fast-check';
import { GraphQLError, isObjectType, type GraphQLResolveInfo } from 'graphql';
import { buildShopGraphSchema } from '../../../src/schema/build-schema';
import { idArguments } from '../../../src/security/input-guards';

/**
 * Every ID argument of the schema, fuzzed (issue 17, finding 9): anything that is not 1–20
 * decimal digits is the caller's BAD_USER_INPUT naming the argument, refused before the resolver
 * runs (a context that throws when touched proves it never did).
 */
const schema = buildShopGraphSchema();
const TOUCHED = 'the resolver ran';
const untouchable = new Proxy(
  {},
  {
    get: () => {
      throw new Error(TOUCHED);
    },
  },
);

/** The argument value holding `id` where `path` says ('' itself, '[]' in a list, '.x' a field). */
function holding(path: string, id: unknown): unknown {
  if (path === '') return id;
  if (path.startsWith('[]')) return [holding(path.slice(2), id)];
  const [, field = '', rest = ''] = /^\.(\w+)(.*)$/.exec(path) ?? [];
  return { [field]: holding(rest, id) };
}

/** What the field's resolver threw (or its promise rejected with). */
async function call(typeName: string, fieldName: string, args: Record<string, unknown>): Promise<unknown> {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const resolve = type.getFields()[fieldName]?.resolve;
  if (!resolve) throw new Error(`${typeName}.${fieldName} has no resolver`);
  try {
    return await resolve({}, args, untouchable, {} as GraphQLResolveInfo);
  } catch (error) {
    return error;
  }
}

const notAnId = fc.oneof(
  fc.string().filter((s) => !/^\d{1,20}$/.test(s)),
  fc.stringMatching(/^\d{21,120}$/),
  fc.constantFrom('-1', '1.5', '1e5', '0x10', ' 1', '1 ', '１２', '١٢٣', '', '1\n'),
);

const ARGUMENTS = idArguments(schema);

describe('ID arguments', () => {
  it('finds the ID arguments the schema has (a new one is fuzzed without being listed here)', () => {
    const names = ARGUMENTS.map((a) => `${a.type}.${a.field}(${a.arg})`);
    expect(names).toEqual(
      expect.arrayContaining([
        'Query.shop(id)',
        'Query.order(id)',
        'Query.order(shopId)',
        'Query.product(id)',
        'Query.metrics(shopIds)',
        'Shop.order(id)',
        'Shop.product(id)',
        'Shop.unitCosts(skuIds)',
        'Mutation.setUnitCosts(shopId)',
        'Mutation.setUnitCosts(costs)',
      ]),
    );
  });

  it.each(ARGUMENTS.flatMap((a) => a.paths.map((path) => [`${a.type}.${a.field}(${a.arg}${path})`, a, path] as const)))(
    '%s refuses anything but a TikTok id with BAD_USER_INPUT naming it, before the resolver runs',
    async (_name, argument, path) => {
      await fc.assert(
        fc.asyncProperty(notAnId, async (junk) => {
          const error = await call(argument.type, argument.field, { [argument.arg]: holding(path, junk) });
          expect(error).toBeInstanceOf(GraphQLError);
          const { extensions, message } = error as GraphQLError;
          expect(extensions.code).toBe('BAD_USER_INPUT');
          expect(String(extensions.argumentName)).toMatch(new RegExp(`^${argument.arg}\\b`));
          expect(message).not.toContain(TOUCHED);
        }),
        { numRuns: 60 },
      );
    },
  );

  it('lets a TikTok id through to the resolver', async () => {
    expect(await call('Query', 'shop', { id: '7494726673780148744' })).toMatchObject({ message: TOUCHED });
  });
});
