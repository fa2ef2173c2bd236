/** Shop events within one process: what a single ShopGraph uses, and what each replica delivers through. */
import type { Logger } from '../telemetry/logger';
import type { ShopEvent, ShopEventListener, ShopEvents } from '../events/shop-events';

/** In-process {@link ShopEvents}: listeners by shop, called synchronously in publishing order. */
export class LocalShopEvents implements ShopEvents {
  private readonly byShop = new Map<string, Set<ShopEventListener>>();
  private count = 0;

  constructor(private readonly logger?: Logger) {}

  get listenerCount(): number {
    return this.count;
  }

  publish(event: ShopEvent): void {
    const listeners = this.byShop.get(event.shopId);
    if (!listeners) return;
    // A copy: a listener may stop listening (a subscription ending on `revoked`) while called.
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One subscriber's bug must not keep the event from the others.
        this.logger?.error({ err: error, shopId: event.shopId, kind: event.kind }, 'a shop event listener failed');
      }
    }
  }

  listen(shopId: string, listener: ShopEventListener): () => void {
    let listeners = this.byShop.get(shopId);
    if (!listeners) this.byShop.set(shopId, (listeners = new Set()));
    // Wrapped, so the same function listening twice is two listeners (two subscriptions).
    const own: ShopEventListener = (event) => listener(event);
    listeners.add(own);
    this.count++;
    return () => {
      const current = this.byShop.get(shopId);
      if (!current?.delete(own)) return; // already stopped, or closed
      this.count--;
      if (current.size === 0) this.byShop.delete(shopId);
    };
  }

  async close(): Promise<void> {
    this.byShop.clear();
    this.count = 0;
  }
}
