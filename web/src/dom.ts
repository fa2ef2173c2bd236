/**
 * Element builders. The page never assigns HTML strings: shop, product and campaign names come
 * from sellers, so every text goes in as a text node.
 */

/** A child of an element; null, undefined and false are skipped so conditions read inline. */
export type Child = Node | string | null | undefined | false;

/** Attribute values; `true` sets an empty attribute, `false` and `undefined` leave it out. */
export type Attributes = Record<string, string | number | boolean | undefined>;

function apply(element: Element, attributes: Attributes, children: Child[]): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
}

/** An HTML element. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, attributes, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  apply(element, attributes, children);
  return element;
}

/** The element with this id, of the expected type; a missing one is a bug in index.html. */
export function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`index.html has no <${type.name}> #${id}`);
  return element;
}

/** Sets a text only when it changed, so screen readers in live regions hear changes only. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** What a badge flags about a number. */
export type BadgeKind = 'stale' | 'provisional';

const BADGES: Record<BadgeKind, { text: string; title: string }> = {
  stale: { text: 'Stale', title: 'Served from an older snapshot: TikTok was throttling or failing' },
  provisional: { text: 'Provisional', title: 'Inside the ad attribution window, or not yet published by TikTok: it will still move' },
};

/** A badge; its explanation is in the text for screen readers and in a tooltip for the pointer. */
export function badge(kind: BadgeKind): HTMLElement {
  const { text, title } = BADGES[kind];
  return h('span', { class: `badge badge-${kind}`, title }, text, h('span', { class: 'visually-hidden' }, `: ${title}.`));
}
