/**
 * A raw reader of a `text/event-stream` response, by the Server-Sent Events interpretation rules
 * (fields `event` and `data`, one leading space dropped, comments ignored, a blank line ends an
 * event): what the protocol audit reads, with no GraphQL client's forgiveness in between.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

/** One dispatched event: its type, and its data lines joined (null when it had no `data` field). */
export interface SseEvent {
  event: string;
  data: string | null;
}

/** Reads events until `enough` says so (the response is then cancelled) or the stream ends. */
export async function readEvents(res: Response, enough: (events: SseEvent[]) => boolean = () => false): Promise<{ events: SseEvent[]; ended: boolean }> {
  const events: SseEvent[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = 'message';
  let data: string[] | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { events, ended: true };
    buffer += value;
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data !== null || event !== 'message') events.push({ event, data: data === null ? null : data.join('\n') });
        event = 'message';
        data = null;
        if (enough(events)) {
          await reader.cancel();
          return { events, ended: false };
        }
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const raw = colon === -1 ? '' : line.slice(colon + 1);
      const text = raw.startsWith(' ') ? raw.slice(1) : raw;
      if (field === 'event') event = text;
      else if (field === 'data') (data ??= []).push(text);
    }
  }
}
