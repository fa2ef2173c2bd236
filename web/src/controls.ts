/**
 * The form at the top: shop, period (a preset or custom dates), refresh interval, and the API key
 * panel. It only reads and writes its inputs; the dashboard decides what to load.
 */
import { byId, h, setText } from './dom';
import type { DateRange, DashboardShopsQuery } from './generated/graphql';

export type Shop = DashboardShopsQuery['shops'][number];

/** What the form asks for. */
export interface Selection {
  shopId: string;
  /** Days back from today, or a custom window. */
  period: number | 'custom';
  custom: DateRange;
  pollSeconds: number;
}

/** The form's inputs and what they report. */
export class Controls {
  readonly shop = byId('shop', HTMLSelectElement);
  readonly preset = byId('preset', HTMLSelectElement);
  readonly from = byId('from', HTMLInputElement);
  readonly to = byId('to', HTMLInputElement);
  readonly poll = byId('poll', HTMLSelectElement);
  private readonly rangeError = byId('range-error', HTMLParagraphElement);
  private readonly keyPanel = byId('api-key-panel', HTMLDetailsElement);
  private readonly keyInput = byId('api-key', HTMLInputElement);
  private readonly keyState = byId('api-key-state', HTMLParagraphElement);

  /**
   * @param onChange - called after the user changes what to show (`poll` when only the interval changed)
   * @param onApiKey - called with the key to use from now on ('' to forget it)
   */
  constructor(onChange: (what: 'window' | 'poll') => void, onApiKey: (key: string) => void) {
    byId('controls', HTMLFormElement).addEventListener('submit', (event) => event.preventDefault());
    this.shop.addEventListener('change', () => onChange('window'));
    this.preset.addEventListener('change', () => onChange('window'));
    for (const input of [this.from, this.to]) {
      input.addEventListener('change', () => {
        this.preset.value = 'custom';
        onChange('window');
      });
    }
    this.poll.addEventListener('change', () => onChange('poll'));
    byId('api-key-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      onApiKey(this.keyInput.value);
    });
    byId('api-key-clear', HTMLButtonElement).addEventListener('click', () => {
      this.keyInput.value = '';
      onApiKey('');
    });
  }

  /** Fills the shop picker. */
  setShops(shops: Shop[], selected: string): void {
    this.shop.replaceChildren(...shops.map((s) => h('option', { value: s.id }, `${s.name} (${s.region}, ${s.currency})`)));
    this.shop.value = selected;
    this.shop.disabled = shops.length === 0;
  }

  read(): Selection {
    const period = this.preset.value === 'custom' ? 'custom' : Number(this.preset.value);
    return { shopId: this.shop.value, period, custom: { from: this.from.value, to: this.to.value }, pollSeconds: Number(this.poll.value) };
  }

  /** Puts a selection (from the address bar) into the inputs; values the inputs lack are ignored. */
  write(selection: Partial<Selection>): void {
    if (selection.period !== undefined && hasOption(this.preset, String(selection.period))) this.preset.value = String(selection.period);
    if (selection.custom) {
      this.from.value = selection.custom.from;
      this.to.value = selection.custom.to;
    }
    if (selection.pollSeconds !== undefined && hasOption(this.poll, String(selection.pollSeconds))) this.poll.value = String(selection.pollSeconds);
  }

  /** Shows the window a preset resolved to, and caps the pickers at the shop's today. */
  showRange(range: DateRange, today: string): void {
    this.from.value = range.from;
    this.to.value = range.to;
    this.from.max = today;
    this.to.max = today;
  }

  /** Flags the dates as invalid with a reason, or clears the flag. */
  showRangeProblem(problem: string | null): void {
    setText(this.rangeError, problem ?? '');
    this.rangeError.hidden = problem === null;
    for (const input of [this.from, this.to]) {
      if (problem) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  /** Says whether a key is in use; `ask` opens the panel (once the server asked for a key). */
  showApiKeyState(key: string | undefined, ask = false): void {
    setText(this.keyState, key ? 'A key is in use for this tab.' : 'No key in use.');
    if (key && !this.keyInput.value) this.keyInput.value = key;
    if (ask && !this.keyPanel.open) {
      this.keyPanel.open = true;
      this.keyInput.focus();
    }
  }
}

function hasOption(select: HTMLSelectElement, value: string): boolean {
  return [...select.options].some((o) => o.value === value);
}
