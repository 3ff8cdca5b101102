/**
 * The durable outbox: every proactive card the bot sends or updates goes through it.
 *
 * - Idempotent: an item's `_id` is its (event, recipient) key; queueing it twice is a no-op.
 * - Versioned: a card copy carries `targetVersion`; delivery renders the subject's current state
 *   and records `deliveredVersion` (only ever growing), so an older state never overwrites a newer
 *   one, and a copy that fell behind is updated in place, never re-posted.
 * - Leased: a worker claims an item with a conditional write (`leaseOwner`, `leaseUntil`), so
 *   several instances on one MongoDB share the work and one copy is never sent by two at once; a
 *   crashed worker's lease lapses and another resumes the item.
 * - Rate limited per conversation and per tenant (Teams limits, domain-research §D) with
 *   rate-limiter-flexible; a limited item waits without counting an attempt.
 * - Retries live in the store (`nextAttemptAt`), not in timers: 429 waits for Retry-After;
 *   412/5xx/network errors back off exponentially with full jitter; 403/404 deactivate the
 *   conversation; after the last attempt the item becomes a dead letter with its reason.
 */
import { randomUUID } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes, RateLimiterUnion } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import {
  isBulkWriteError,
  observed,
  type BatchWriteResult,
  type DocCollection,
  type ObservedBatchWrite,
  type Store,
  type UpdateResult,
} from '../store/types.ts';
import { listDeadLetters, retryDeadLetter, type DeadLetter } from './dead-letters.ts';
import {
  TeamsCollections,
  type ConversationRefDoc,
  type OutboxDoc,
} from '../data/teams.collections.ts';

/** An activity to post (the connector fills in ids). */
export type OutboundActivity = Record<string, unknown>;

/** Why a delivery failed, as the Bot Connector said it. `status` 0 = no HTTP answer. */
export class DeliveryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryAfterMs: number | null = null
  ) {
    super(`${status} ${code}`);
    this.name = 'DeliveryError';
  }
}

/** Sends to the Bot Connector; throws DeliveryError. */
export interface Deliverer {
  post(ref: ConversationRefDoc, activity: OutboundActivity): Promise<{ id: string }>;
  update(ref: ConversationRefDoc, activityId: string, activity: OutboundActivity): Promise<void>;
}

/** Renders an item from its subject's current state; null = nothing to send any more. */
export type Renderer = (
  item: OutboxDoc,
  ref: ConversationRefDoc
) => Promise<{ activity: OutboundActivity; version: number } | null>;

export interface ConversationRefReader {
  get(refId: string): Promise<ConversationRefDoc | null>;
  deactivate(refId: string, reason: string): Promise<void>;
}

export interface OutboxOptions {
  store: Store;
  deliverer: Deliverer;
  refs: ConversationRefReader;
  log: Logger;
  now?: () => Date;
  random?: () => number;
  /** Lease length; a delivery is abandoned (timeout) well before it lapses. */
  leaseMs?: number;
  /** Failed attempts (not counting 429s) before a dead letter. */
  maxAttempts?: number;
  maxThrottled?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Items delivered at once by one worker. */
  concurrency?: number;
  limits?: RateLimits;
}

/** Points per window (seconds). Defaults: Teams' per-bot-per-thread and per-tenant limits. */
export interface RateLimits {
  perConversation: { points: number; duration: number }[];
  perTenant: { points: number; duration: number }[];
}

export const TEAMS_RATE_LIMITS: RateLimits = {
  perConversation: [
    { points: 7, duration: 1 },
    { points: 8, duration: 2 },
    { points: 60, duration: 30 },
    { points: 1800, duration: 3600 },
  ],
  perTenant: [{ points: 50, duration: 1 }],
};

export interface QueueItem {
  key: string;
  /** The subject's tenant (its items are found and bumped under it). */
  tenantId: string;
  /** The receiving conversation's tenant, whose rate limit applies (default: `tenantId`). */
  recipientTenantId?: string;
  kind: string;
  subjectId: string;
  refId: string;
  recipientUserId: string | null;
  version: number;
}

const DUPLICATE_KEY = 11000;
/** Rate-limit waits up to this long hold the claimed item (see `park`); longer ones release it. */
const PARK_MAX_MS = 2_000;
const RETRYABLE = new Set([0, 408, 412, 500, 502, 503, 504]);
const GONE = new Set([403, 404]);

export class Outbox {
  private readonly coll: DocCollection<OutboxDoc>;
  private readonly renderers = new Map<string, Renderer>();
  private readonly owner = `worker:${randomUUID()}`;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly maxThrottled: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly concurrency: number;
  private readonly conversationLimiter: RateLimiterUnion;
  private readonly tenantLimiter: RateLimiterUnion;
  private timer: NodeJS.Timeout | null = null;
  /**
   * Tenants whose window is spent, until when: claims skip their items meanwhile, so a fan-out
   * to one tenant does not claim and put back every waiting item once per window.
   */
  private readonly tenantBlockedUntil = new Map<string, number>();
  private wakeUp: NodeJS.Timeout | null = null;
  /** Items held through a short rate-limit wait, per tenant (see `park`). */
  private readonly parked = new Map<string, number>();
  private readonly parkTimers = new Set<NodeJS.Timeout>();
  private readonly parkPerTenant: number;
  private pumping: Promise<number> | null = null;
  private stopped = false;

  constructor(private readonly o: OutboxOptions) {
    this.coll = o.store.collection<OutboxDoc>(TeamsCollections.outbox);
    this.now = o.now ?? (() => new Date());
    this.random = o.random ?? Math.random;
    this.leaseMs = o.leaseMs ?? 60_000;
    this.maxAttempts = o.maxAttempts ?? 6;
    this.maxThrottled = o.maxThrottled ?? 30;
    this.baseBackoffMs = o.baseBackoffMs ?? 1_000;
    this.maxBackoffMs = o.maxBackoffMs ?? 5 * 60_000;
    this.concurrency = o.concurrency ?? 24;
    const limits = o.limits ?? TEAMS_RATE_LIMITS;
    const union = (prefix: string, windows: RateLimits['perTenant']) =>
      new RateLimiterUnion(
        ...windows.map(
          (w) =>
            new RateLimiterMemory({
              keyPrefix: `${prefix}${w.duration}`,
              points: w.points,
              duration: w.duration,
            })
        )
      );
    this.parkPerTenant = Math.max(...limits.perTenant.map((w) => w.points));
    this.conversationLimiter = union('conv', limits.perConversation);
    this.tenantLimiter = union('tenant', limits.perTenant);
  }

  /** The function that renders items of `kind` at delivery time. */
  register(kind: string, renderer: Renderer): void {
    this.renderers.set(kind, renderer);
  }

  /** Queues an item; false when its key was already queued (idempotency). */
  async enqueue(item: QueueItem): Promise<boolean> {
    const r = await this.coll.updateOne(...this.upsertOf(item, this.now()));
    if (r.upsertedCount === 1) this.kick();
    return r.upsertedCount === 1;
  }

  /**
   * Queues several items in one write (a fan-out); returns how many were new. Each keeps its own
   * key, so an item queued before (or twice here) is still queued once.
   */
  async enqueueMany(items: readonly QueueItem[]): Promise<number> {
    if (items.length === 0) return 0;
    const now = this.now();
    // Plain inserts (much cheaper than upserts); a key queued before is a duplicate-key error,
    // which is exactly "already queued".
    let inserted: number;
    try {
      inserted = (
        await this.coll.insertMany(
          items.map((item) => this.upsertOf(item, now)[1].$setOnInsert as OutboxDoc),
          { ordered: false }
        )
      ).insertedCount;
    } catch (e) {
      if (!isBulkWriteError(e) || e.writeErrors.some((w) => w.code !== DUPLICATE_KEY)) throw e;
      inserted = e.insertedCount;
    }
    if (inserted > 0) this.kick();
    return inserted;
  }

  private upsertOf(item: QueueItem, now: Date) {
    return [
      { _id: item.key, tenantId: item.tenantId },
      {
        $setOnInsert: {
          _id: item.key,
          tenantId: item.tenantId,
          recipientTenantId: item.recipientTenantId ?? item.tenantId,
          kind: item.kind,
          subjectId: item.subjectId,
          refId: item.refId,
          recipientUserId: item.recipientUserId,
          targetVersion: item.version,
          deliveredVersion: 0,
          activityId: null,
          status: 'due',
          nextAttemptAt: now,
          attempts: 0,
          throttled: 0,
          leaseOwner: null,
          leaseUntil: null,
          lastError: null,
          createdAt: now,
          updatedAt: now,
        },
      },
      { upsert: true },
    ] as const;
  }

  /** Every copy of `subjectId` must show at least `version`: re-opens delivered copies. */
  async bump(tenantId: string, kind: string, subjectId: string, version: number): Promise<void> {
    await writeObserved(this.o.store, this.bumpWrites(tenantId, kind, subjectId, version));
  }

  /**
   * `bump` as writes of someone else's batch (a ticket change stores its cards' bump with it):
   * their `onResult`, given each write's result once the batch is durable, looks for deliveries
   * when a copy became due.
   *
   * Two plain updates (a pipeline computing each copy's fields costs about five times as much
   * per copy, and a ticket's copies can number hundreds): copies waiting for a delivery take the
   * new version and keep their next attempt (so Retry-After stays honoured); then delivered ones
   * take it and become due now. In this order a copy a worker finishes between the two (where a
   * store runs a batch without a transaction) cannot be left done at an older version: the
   * first write already raised what it must show.
   */
  bumpWrites(tenantId: string, kind: string, subjectId: string, version: number) {
    const now = this.now();
    const copies = (status: OutboxDoc['status']) => ({
      tenantId,
      kind,
      subjectId,
      targetVersion: { $lt: version },
      status,
    });
    const onResult = (r: BatchWriteResult) => {
      // Nothing became due (a subject nobody holds a copy of): no delivery to look for. Else
      // the deliveries start once the writer's answer is on its way (claiming is work).
      if ((r as UpdateResult).modifiedCount > 0) setImmediate(() => this.kick());
    };
    const collection = this.coll.collectionName;
    return [
      {
        collection,
        updateMany: {
          filter: copies('due'),
          update: { $set: { targetVersion: version, updatedAt: now } },
        },
        onResult,
      },
      {
        collection,
        updateMany: {
          filter: copies('done'),
          update: {
            $set: { targetVersion: version, status: 'due', nextAttemptAt: now, updatedAt: now },
          },
        },
        onResult,
      },
    ] satisfies ObservedBatchWrite[];
  }

  /**
   * The copy a click was made on, as a write of the click's batch (before its bump): the click's
   * answer replaces that message with the subject at `version`, so the copy is marked delivered
   * at it instead of being sent again. Only while it is still that message and no worker holds
   * it; otherwise (a worker delivering an older version meanwhile) the bump that follows makes it
   * due as any other copy.
   */
  answeredWrite(tenantId: string, key: string, activityId: string, version: number) {
    return {
      collection: this.coll.collectionName,
      updateOne: {
        filter: {
          _id: key,
          tenantId,
          activityId,
          leaseOwner: null,
          targetVersion: { $lt: version },
          status: { $in: ['due', 'done'] },
        },
        update: {
          $set: {
            targetVersion: version,
            deliveredVersion: version,
            status: 'done',
            attempts: 0,
            throttled: 0,
            lastError: null,
            updatedAt: this.now(),
          },
        },
      },
    } satisfies ObservedBatchWrite;
  }

  /** Items of a subject (e.g. every copy of one invitation's card). */
  async itemsOf(tenantId: string, kind: string, subjectId: string): Promise<OutboxDoc[]> {
    return this.coll.find({ tenantId, kind, subjectId }).toArray();
  }

  deadLetters(limit = 100): Promise<DeadLetter[]> {
    return listDeadLetters(this.o.store, limit);
  }

  /** Operator: give a dead letter a fresh set of attempts. */
  async retryDead(key: string): Promise<boolean> {
    const retried = await retryDeadLetter(this.o.store, key, this.now());
    if (retried) this.kick();
    return retried;
  }

  /** Polls for due work every `intervalMs` (and at once when something is queued). */
  start(intervalMs = 500): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wakeUp) clearTimeout(this.wakeUp);
    for (const t of this.parkTimers) clearTimeout(t);
    this.parkTimers.clear();
    this.parked.clear();
    this.timer = null;
    this.wakeUp = null;
  }

  private kick(): void {
    if (this.stopped || !this.timer || this.pumping) return;
    this.pumping = this.pump()
      .catch((err: unknown) => {
        this.o.log.error({ err }, 'outbox pump failed');
        return 0;
      })
      .finally(() => {
        this.pumping = null;
      });
  }

  /** Delivers what is due now, `concurrency` at a time, until nothing due is left unclaimed. */
  async pump(): Promise<number> {
    let delivered = 0;
    const lane = async () => {
      for (;;) {
        if (this.stopped) return;
        const item = await this.claim();
        if (!item) return;
        await this.deliver(item);
        delivered++;
      }
    };
    // As many workers as there are items due (up to `concurrency`): after a single card bump,
    // one worker claims the copy, not `concurrency` of them looking for work that is not there.
    const due = await this.coll.countDocuments(
      { status: 'due', nextAttemptAt: { $lte: this.now() } },
      { limit: this.concurrency }
    );
    await Promise.all(Array.from({ length: due }, lane));
    return delivered;
  }

  /**
   * Runs until no item is due now, including items other workers hold (tests and shutdown use
   * it to wait for quiet); with `everything`, until no item is due at all (waits for retries).
   * Gives up after `timeoutMs`.
   */
  async drain(timeoutMs = 10_000, everything = false): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await (this.pumping ?? Promise.resolve());
      await this.pump();
      const now = this.now();
      const filter = everything
        ? { status: 'due' as const }
        : { status: 'due' as const, nextAttemptAt: { $lte: now } };
      const busy = await this.coll.countDocuments(filter, { limit: 1 });
      if (busy === 0) return;
      if (Date.now() > deadline) throw new Error('outbox did not drain in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Claims the next due item. The claim is also the durable record that an attempt started: an
   * item found still leased (its lease lapsed) is one whose attempt ended at an unknown point,
   * by a crash or a stall, and if it had not been posted yet that attempt may have been posted
   * without being recorded (see `deliver`); that is logged, as the send about to follow may show
   * the recipient the card twice.
   */
  private async claim(): Promise<OutboxDoc | null> {
    const now = this.now();
    const blocked = this.blockedTenants(Date.now());
    const lease = { leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + this.leaseMs) };
    const before = await this.coll.findOneAndUpdate(
      {
        status: 'due',
        nextAttemptAt: { $lte: now },
        $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }],
        ...(blocked.length ? { recipientTenantId: { $nin: blocked } } : {}),
      },
      { $set: lease },
      { returnDocument: 'before', sort: { nextAttemptAt: 1 } }
    );
    if (!before) return null;
    if (before.leaseOwner !== null && before.activityId === null) {
      this.o.log.warn(
        { key: before._id, refId: before.refId, previousOwner: before.leaseOwner },
        'outbox resumes an interrupted post (crash or lapsed lease): the recipient may see this card twice'
      );
    }
    return { ...before, ...lease };
  }

  /**
   * True when the lease still covers a send (at least half of it is left), renewing it when it
   * is shorter: a send started on a lease that lapses before it ends could be claimed and sent
   * again by another worker while this one's is still in flight, and Teams shows both. False
   * when the lease was lost (another worker holds the item now): the send must not start.
   */
  private async holdLease(item: OutboxDoc): Promise<boolean> {
    const now = this.now().getTime();
    if ((item.leaseUntil?.getTime() ?? 0) - now >= this.leaseMs / 2) return true;
    const leaseUntil = new Date(now + this.leaseMs);
    const renewed = await this.coll.updateOne(
      { _id: item._id, leaseOwner: this.owner, leaseUntil: item.leaseUntil },
      { $set: { leaseUntil } }
    );
    if (renewed.modifiedCount === 0) return false;
    item.leaseUntil = leaseUntil;
    return true;
  }

  private async release(item: OutboxDoc, set: Partial<OutboxDoc>): Promise<void> {
    await this.coll.updateOne(
      { _id: item._id, leaseOwner: this.owner },
      { $set: { ...set, leaseOwner: null, leaseUntil: null, updatedAt: this.now() } }
    );
  }

  private async deliver(item: OutboxDoc): Promise<void> {
    const ref = await this.o.refs.get(item.refId);
    if (!ref || !ref.active) {
      const lastError = 'conversation no longer reachable (app removed or blocked)';
      return this.release(item, { status: 'dead', deadAt: this.now(), lastError });
    }
    const wait = await this.rateLimitWait(ref);
    if (wait > 0) {
      if (this.park(item, ref, wait)) return;
      return this.release(item, { nextAttemptAt: new Date(this.now().getTime() + wait) });
    }
    const renderer = this.renderers.get(item.kind);
    if (!renderer) {
      return this.release(item, {
        status: 'dead',
        deadAt: this.now(),
        lastError: `no renderer for ${item.kind}`,
      });
    }
    try {
      const rendered = await renderer(item, ref);
      if (!rendered) return this.release(item, { status: 'done' });
      if (!(await this.holdLease(item))) {
        this.o.log.warn(
          { key: item._id },
          'outbox lease lapsed before the send; left to its holder'
        );
        return;
      }
      // From the post until the write below is durable, a crash leaves the item leased and not
      // delivered although Teams may show it: the worker resuming it posts it again (Teams has
      // no idempotent post, nor a way to find a post whose answer was lost). That window is one
      // round trip's answer plus one journal write; `claim` logs each resumption in it.
      let activityId = item.activityId;
      if (activityId) await this.o.deliverer.update(ref, activityId, rendered.activity);
      else activityId = (await this.o.deliverer.post(ref, rendered.activity)).id;
      const delivered = Math.max(item.deliveredVersion, rendered.version);
      const success = {
        activityId,
        deliveredVersion: delivered,
        attempts: 0,
        throttled: 0,
        lastError: null,
      };
      // Done only if nobody asked for a newer version meanwhile; otherwise it stays due.
      const done = await this.coll.updateOne(
        { _id: item._id, leaseOwner: this.owner, targetVersion: { $lte: delivered } },
        {
          $set: {
            ...success,
            status: 'done',
            leaseOwner: null,
            leaseUntil: null,
            updatedAt: this.now(),
          },
        }
      );
      if (done.modifiedCount === 0)
        await this.release(item, { ...success, nextAttemptAt: this.now() });
    } catch (e) {
      await this.failed(item, ref, e);
    }
  }

  private async failed(item: OutboxDoc, ref: ConversationRefDoc, e: unknown): Promise<void> {
    const err =
      e instanceof DeliveryError
        ? e
        : new DeliveryError(0, e instanceof Error ? e.message : String(e));
    const now = this.now().getTime();
    const reason = `${err.status || 'network'} ${err.code}`;
    this.o.log.warn(
      { key: item._id, status: err.status, code: err.code },
      'outbox delivery failed'
    );
    if (GONE.has(err.status)) {
      await this.o.refs.deactivate(ref._id, reason);
      return this.release(item, { status: 'dead', deadAt: new Date(now), lastError: reason });
    }
    if (err.status === 429) {
      const throttled = item.throttled + 1;
      if (throttled > this.maxThrottled) {
        return this.release(item, {
          status: 'dead',
          deadAt: new Date(now),
          throttled,
          lastError: reason,
        });
      }
      const wait = err.retryAfterMs ?? this.backoff(throttled);
      return this.release(item, {
        throttled,
        lastError: reason,
        nextAttemptAt: new Date(now + wait),
      });
    }
    const attempts = item.attempts + 1;
    if (!RETRYABLE.has(err.status) || attempts >= this.maxAttempts) {
      return this.release(item, {
        status: 'dead',
        deadAt: new Date(now),
        attempts,
        lastError: reason,
      });
    }
    return this.release(item, {
      attempts,
      lastError: reason,
      nextAttemptAt: new Date(now + this.backoff(attempts)),
    });
  }

  /**
   * Holds a claimed item through a short rate-limit wait (at most a window's worth per tenant)
   * instead of putting it back: when the window reopens it is sent at once, so the next window
   * starts on time rather than after a claim round trip, and the lane meanwhile serves other
   * tenants. The item keeps its lease; the rights check and rendering still happen at the send.
   */
  private park(item: OutboxDoc, ref: ConversationRefDoc, wait: number): boolean {
    const tenantId = ref.tenantId;
    const parked = this.parked.get(tenantId) ?? 0;
    if (wait > PARK_MAX_MS || parked >= this.parkPerTenant || this.stopped) return false;
    this.parked.set(tenantId, parked + 1);
    const timer = setTimeout(() => {
      this.parkTimers.delete(timer);
      this.parked.set(tenantId, (this.parked.get(tenantId) ?? 1) - 1);
      // Stopped meanwhile: the lease lapses and a worker resumes the item.
      if (this.stopped) return;
      void this.deliver(item).catch((err: unknown) =>
        this.o.log.error({ err, key: item._id }, 'outbox delivery failed')
      );
    }, wait);
    this.parkTimers.add(timer);
    return true;
  }

  /** Exponential backoff with full jitter: uniform in [base, min(cap, base·2^(n-1))]. */
  private backoff(n: number): number {
    const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (n - 1));
    return Math.round(
      this.baseBackoffMs + this.random() * Math.max(0, ceiling - this.baseBackoffMs)
    );
  }

  /** Skips the tenant's items for `ms`, and pumps again the moment its window reopens. */
  private block(tenantId: string, ms: number): void {
    const until = Date.now() + ms;
    this.tenantBlockedUntil.set(
      tenantId,
      Math.max(until, this.tenantBlockedUntil.get(tenantId) ?? 0)
    );
    this.scheduleWakeUp();
  }

  private scheduleWakeUp(): void {
    if (this.wakeUp) clearTimeout(this.wakeUp);
    this.wakeUp = null;
    if (this.stopped || !this.timer || this.tenantBlockedUntil.size === 0) return;
    const next = Math.min(...this.tenantBlockedUntil.values());
    this.wakeUp = setTimeout(
      () => {
        this.wakeUp = null;
        this.blockedTenants(Date.now());
        this.kick();
        // A pump still running when the window reopened ends soon; look again right after it.
        void this.pumping?.then(() => this.kick());
        this.scheduleWakeUp();
      },
      Math.max(1, next - Date.now())
    );
    this.wakeUp.unref();
  }

  private blockedTenants(nowMs: number): string[] {
    const out: string[] = [];
    for (const [tenantId, until] of this.tenantBlockedUntil) {
      if (until <= nowMs) this.tenantBlockedUntil.delete(tenantId);
      else out.push(tenantId);
    }
    return out;
  }

  /** 0 when the conversation and the tenant may receive one more message now, else ms to wait. */
  private async rateLimitWait(ref: ConversationRefDoc): Promise<number> {
    try {
      await this.tenantLimiter.consume(ref.tenantId);
    } catch (e) {
      const wait = msBefore(e);
      this.block(ref.tenantId, wait);
      return wait;
    }
    try {
      await this.conversationLimiter.consume(ref._id);
    } catch (e) {
      return msBefore(e);
    }
    return 0;
  }
}

/**
 * Runs `writes` as one batch of `store`, then gives each observed write its result; null (and
 * nothing written) when a `required` write was unmet.
 */
export async function writeObserved(
  store: Store,
  writes: readonly ObservedBatchWrite[]
): Promise<BatchWriteResult[] | null> {
  const batch = observed(writes);
  const results = await store.writeBatch(batch.writes);
  if (results) batch.told(results);
  return results;
}

/** RateLimiterUnion rejects with a map of limiter results; wait for the slowest. */
function msBefore(e: unknown): number {
  if (e instanceof RateLimiterRes) return Math.max(1, e.msBeforeNext);
  if (e && typeof e === 'object') {
    const waits = Object.values(e as Record<string, unknown>)
      .filter((r): r is RateLimiterRes => r instanceof RateLimiterRes)
      .map((r) => r.msBeforeNext);
    if (waits.length) return Math.max(1, ...waits);
  }
  throw e;
}
