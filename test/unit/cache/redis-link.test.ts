import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  ErrorReply,
  SimpleError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
} from '@redis/client';
import { isRedisUnavailable, RedisUnavailableError } from '../../../src/cache/redis-link';

const errno = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:6379`), { code });

describe('isRedisUnavailable: an outage to fall back from, or an error to surface', () => {
  it.each([
    ["the link's own", new RedisUnavailableError('Redis gave no answer within 500 ms')],
    ['a closed client', new ClientClosedError()],
    ['an offline client (reconnecting)', new ClientOfflineError()],
    ['a socket closed under a command', new SocketClosedUnexpectedlyError()],
    ['a connection timeout', new ConnectionTimeoutError()],
    ['a socket timeout', new SocketTimeoutError(500)],
    ['a refused connection', errno('ECONNREFUSED')],
    ['a reset connection', errno('ECONNRESET')],
    ['Redis loading its data', new SimpleError('LOADING Redis is loading the dataset in memory')],
    ['a script running too long', new SimpleError('BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.')],
    ['a replica after a failover', new SimpleError("READONLY You can't write against a read only replica.")],
    ['Redis out of memory', new SimpleError("OOM command not allowed when used memory > 'maxmemory'.")],
  ])('away: %s', (_name, error) => {
    expect(isRedisUnavailable(error)).toBe(true);
  });

  it.each([
    ['a script error', new SimpleError('ERR user_script:3: Script attempted to access nonexistent global variable')],
    ['a command on the wrong type', new ErrorReply('WRONGTYPE Operation against a key holding the wrong kind of value')],
    ['a command the ACL forbids', new SimpleError('NOPERM User default has no permissions to run the eval command')],
    ['a bug in the caller', new TypeError("Cannot read properties of undefined (reading 'length')")],
    ['an answer that does not parse', new Error('expected string, received number')],
    ['not even an Error', 'oops'],
  ])('not away: %s', (_name, error) => {
    expect(isRedisUnavailable(error)).toBe(false);
  });
});
