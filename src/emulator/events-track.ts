/**
 * TikTok's Events API 2.0 endpoint, `POST /open_api/v1.3/event/track/`: a pixel's Events API
 * token in `Access-Token`, web events for that pixel, at most 1000 a request, every event valid
 * or the whole request refused (HTTP 200, a non-zero `code`, as TikTok for Business answers).
 * Accepted events are recorded for tests, deduplicated on pixel + event + event_id as TikTok
 * dedupes them, with how many times each arrived.
 * @see docs/tiktok-api.md ("Events API")
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EmulatorRejection, MarketingCode, successEnvelope } from './codes';
import type { EmulatorContext, ReceivedEvent } from './context';
import { checkWebEvent, invalidValue, MAX_EVENTS_PER_REQUEST } from './events-rules';
import { isObject, type JsonObject } from './params';

const PATH = '/open_api/v1.3/event/track/';
const EVENT_SOURCES = new Set(['web', 'app', 'offline', 'crm']);

export function registerEventsRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const recorded = new Map<string, ReceivedEvent>();
  app.post(PATH, async (req) => {
    const token = accessToken(req);
    if (!token) throw new EmulatorRejection(MarketingCode.TOKEN_EMPTY, 'Access token is empty: send it in the Access-Token header', 200);
    const owned = [...ctx.pixels].filter(([, pixelToken]) => pixelToken === token).map(([code]) => code);
    if (owned.length === 0) throw new EmulatorRejection(MarketingCode.TOKEN_INVALID, 'Access token is invalid', 200);
    const body = jsonBody(req);
    const source = body.event_source;
    if (typeof source !== 'string' || !EVENT_SOURCES.has(source)) throw invalidValue('event_source', 'one of web, app, offline, crm');
    if (source !== 'web') throw invalidValue('event_source', 'the emulator serves web events only');
    const pixel = body.event_source_id;
    if (typeof pixel !== 'string' || pixel === '') throw invalidValue('event_source_id', 'required (the pixel code)');
    if (!owned.includes(pixel))
      throw new EmulatorRejection(MarketingCode.NO_PERMISSION, `No permission to send events to pixel ${pixel} with this access token`, 200);
    if (body.test_event_code !== undefined && typeof body.test_event_code !== 'string') throw invalidValue('test_event_code', 'not a string');
    const data = body.data;
    if (!Array.isArray(data) || data.length === 0) throw invalidValue('data', 'a non-empty array of events');
    if (data.length > MAX_EVENTS_PER_REQUEST) throw invalidValue('data', `at most ${MAX_EVENTS_PER_REQUEST} events per request`);
    // All or nothing: one bad event refuses the request.
    const checked = data.map((event, i) => checkWebEvent(event, i));
    for (const event of checked) {
      const key = JSON.stringify([pixel, event.event, event.event_id]);
      const seen = recorded.get(key);
      if (seen) {
        seen.deliveries += 1;
        continue;
      }
      const received: ReceivedEvent = {
        event_source_id: pixel,
        event: event.event,
        event_id: event.event_id,
        payload: event.payload,
        deliveries: 1,
        test: body.test_event_code !== undefined,
      };
      recorded.set(key, received);
      ctx.events.push(received);
    }
    return successEnvelope('marketing', {}, ctx.now());
  });
}

function accessToken(req: FastifyRequest): string | undefined {
  const value = req.headers['access-token'];
  const first = Array.isArray(value) ? value[0] : value;
  return first === '' ? undefined : first;
}

function jsonBody(req: FastifyRequest): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof req.body === 'string' ? req.body : '');
  } catch {
    throw invalidValue('request body', 'not valid JSON');
  }
  if (!isObject(parsed)) throw invalidValue('request body', 'not a JSON object');
  return parsed;
}
