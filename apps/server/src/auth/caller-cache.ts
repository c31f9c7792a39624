import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type Config } from '../config/config';
import type { Caller } from './caller';

const MAX_ENTRIES = 10_000;

/**
 * Callers resolved in the last moments, so a request does not reload its caller's grants and
 * session state from the database. Every change that could alter a caller (permissions,
 * deletion, logout) calls `invalidate()`, which also tells the other server instances; the
 * short lifetime bounds how stale an entry can be should such a message be lost.
 */
@Injectable()
export class CallerCache {
  private readonly entries = new Map<string, { caller: Caller; until: number }>();
  private generation = 0;
  private peers: (() => Promise<void>) | undefined;

  constructor(@Inject(CONFIG) private readonly config: Config) {}

  /** The cached caller for `key`, or what `load` resolves (cached unless invalidated meanwhile). */
  async get(key: string, load: () => Promise<Caller>): Promise<Caller> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.caller;
    const generation = this.generation;
    const caller = await load();
    // A load that began before an invalidation may have read the old state: not kept.
    if (generation === this.generation && this.config.CALLER_CACHE_MS > 0) {
      this.entries.delete(key);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { caller, until: now + this.config.CALLER_CACHE_MS });
    }
    return caller;
  }

  /**
   * Drops every cached caller here and on the other instances. Call after the change commits;
   * it resolves once the other instances have dropped theirs (or did not answer in time), so
   * a logout is in force everywhere when its response is sent.
   */
  async invalidate(): Promise<void> {
    this.forget();
    await this.peers?.();
  }

  /** Drops every cached caller of this instance (another instance saw a change). */
  forget(): void {
    this.generation++;
    this.entries.clear();
  }

  /** How `invalidate` reaches the other instances (set once realtime is up). */
  tellPeersWith(send: () => Promise<void>): void {
    this.peers = send;
  }
}
