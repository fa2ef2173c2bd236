/**
 * Whether `value` is an exact web origin (`scheme://host[:port]`, http or https): what
 * `new URL(value).origin` gives back unchanged — no path, no trailing slash, no wildcard, not
 * `null`. Browsers send exactly this in `Origin`.
 * @see https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin
 */
export function isExactOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}
