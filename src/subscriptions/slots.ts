/**
 * How many subscriptions run at once, per client and in the process: each holds a connection, a
 * bounded queue and a listener, so the two limits bound what subscriptions can cost in memory.
 * Counted per replica (a client's subscriptions on several replicas each count where they run).
 */

/** The limits of {@link SubscriptionSlots}. */
export interface SlotLimits {
  /** Subscriptions one client (API key, JWT subject, or the local caller) may hold open. */
  maxPerClient: number;
  /** Subscriptions of every client together. */
  maxTotal: number;
}

/** A held slot; `release` is idempotent. */
export interface Slot {
  release(): void;
}

/** Why no slot was given. */
export interface SlotRefusal {
  limit: 'maxPerClient' | 'maxTotal';
  maximum: number;
}

/** Counters of open subscriptions. */
export class SubscriptionSlots {
  private readonly byClient = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: SlotLimits) {}

  /** Subscriptions open now. */
  get active(): number {
    return this.total;
  }

  /** Open subscriptions of one client. */
  held(client: string): number {
    return this.byClient.get(client) ?? 0;
  }

  /** A slot for the client, or why not. */
  take(client: string): { slot: Slot } | { refused: SlotRefusal } {
    const mine = this.held(client);
    if (mine >= this.limits.maxPerClient) return { refused: { limit: 'maxPerClient', maximum: this.limits.maxPerClient } };
    if (this.total >= this.limits.maxTotal) return { refused: { limit: 'maxTotal', maximum: this.limits.maxTotal } };
    this.byClient.set(client, mine + 1);
    this.total++;
    let held = true;
    return {
      slot: {
        release: () => {
          if (!held) return;
          held = false;
          this.total--;
          const left = this.held(client) - 1;
          if (left > 0) this.byClient.set(client, left);
          else this.byClient.delete(client);
        },
      },
    };
  }
}
