/**
 * The lifecycle steps change requests and elevations share (issue #15): both wait 72 hours for a
 * decision and then expire, are decided by the customer's approvers with one conditional write
 * from pending (so a second decision gets NOT_PENDING, a late one EXPIRED), and are seen and
 * listed as the engine's `changes.view` allows. Each step is written once, for a `RecordKind`;
 * every write carries its audit records (both logs) in its own batch.
 */
import type { Caller } from '../identity/caller.ts';
import { audited, subjectOf } from '../audit/audited.ts';
import { SYSTEM_ACTOR_ID } from '../audit/audit.ts';
import { conflict, gone, notFound } from '../errors.ts';
import type {
  ChangeControlDeps,
  ChangeControlEvents,
  ChangeControlRecord,
  RecordFilter,
  RecordStore,
} from './change-control.ports.ts';
import { inBoth, listedPartner, notify, requireApprover, visibleTo } from './decisions.ts';

/** What makes one kind of record: its names, codes, store and cards. */
interface KindSpec<T extends ChangeControlRecord> {
  category: RecordKind<T>['category'];
  /** How people call one (`change request`) and several (`change requests`). */
  noun: string;
  plural: string;
  codes: { notFound: string; notPending: string; expired: string };
  store: RecordKind<T>['store'];
  updated: RecordKind<T>['updated'];
  asOf?: RecordKind<T>['asOf'];
}

/** A kind of record, its refusals worded once for both. */
export const recordKind = <T extends ChangeControlRecord>(k: KindSpec<T>): RecordKind<T> => ({
  category: k.category,
  store: k.store,
  updated: k.updated,
  asOf: k.asOf ?? ((r) => r),
  notFound: () => notFound(k.codes.notFound, `No such ${k.noun}, or you may not see it.`),
  notPending: () => conflict(k.codes.notPending, `This ${k.noun} was already decided.`),
  expired: () => gone(k.codes.expired, `This ${k.noun} has expired.`),
  refusals: {
    list: `Only the customer’s approvers see ${k.plural}.`,
    decide: `Only the customer’s approvers decide ${k.plural}.`,
  },
});

/** One kind of change-control record, as the shared steps need it. */
export interface RecordKind<T extends ChangeControlRecord> {
  /** Its audit category, also the object type of its records. */
  category: 'ChangeRequest' | 'Elevation';
  store(deps: Pick<ChangeControlDeps, 'repo'>): RecordStore<T>;
  notFound(): Error;
  /** Decided already (or never pending). */
  notPending(): Error;
  /** Past its deadline, undecided. */
  expired(): Error;
  /** Tells the Teams edge (the cards follow). */
  updated(events: ChangeControlEvents, record: T): Promise<void>;
  /** What it reads as at `now` beyond its stored status (an elevation's window may have closed). */
  asOf(record: T, now: Date): T;
  /** Refusals of a caller in the customer who is no approver. */
  refusals: { list: string; decide: string };
}

/** The record as of now: expired if its deadline passed (one conditional write; both logs). */
async function expireIfDue<T extends ChangeControlRecord>(
  kind: RecordKind<T>,
  r: T,
  deps: ChangeControlDeps
): Promise<T> {
  const now = deps.now();
  if (r.status !== 'pending' || r.expiresAt.getTime() > now.getTime()) return kind.asOf(r, now);
  const records = await deps.audit.prepare(
    inBoth(r, {
      ...subjectOf(kind.category)(r.id, 'Update', 'expired'),
      result: 'Successful',
      actorId: SYSTEM_ACTOR_ID,
      actorTenantId: r.customerTenantId,
    })
  );
  const store = kind.store(deps);
  const set = { status: 'expired' } as Partial<T>;
  const expired = await store.transition(r.customerTenantId, r.id, 'pending', set, {}, records);
  if (!expired) return kind.asOf((await store.get(r.customerTenantId, r.id)) ?? r, now);
  await notify(deps, (e) => kind.updated(e, expired));
  return expired;
}

/** Expires every pending record of the kind past its deadline (the sweep). */
async function expireDue<T extends ChangeControlRecord>(
  kind: RecordKind<T>,
  deps: ChangeControlDeps
): Promise<number> {
  const due = await kind.store(deps).due(deps.now(), 200);
  for (const r of due) await expireIfDue(kind, r, deps);
  return due.length;
}

/**
 * A record as the caller may see it: the customer's approvers see every one of their tenant; a
 * partner user sees their own partner's in a customer where they hold a right.
 */
async function visibleRecord<T extends ChangeControlRecord>(
  kind: RecordKind<T>,
  caller: Caller,
  customerTenantId: string,
  id: string,
  deps: ChangeControlDeps
): Promise<T> {
  const found = await kind.store(deps).get(customerTenantId, id);
  const r = await visibleTo(caller, customerTenantId, found, deps, () => kind.notFound());
  return expireIfDue(kind, r, deps);
}

/** Approvers: every record of the tenant; a partner user: their partner's in that customer. */
async function listVisible<T extends ChangeControlRecord>(
  kind: RecordKind<T>,
  caller: Caller,
  customerTenantId: string,
  filter: Omit<RecordFilter<T>, 'partnerTenantId'>,
  deps: ChangeControlDeps
): Promise<T[]> {
  const partnerTenantId = await listedPartner(caller, customerTenantId, deps, kind.refusals.list);
  const items = await kind.store(deps).list(customerTenantId, { ...filter, partnerTenantId }, 100);
  const current: T[] = [];
  for (const r of items) current.push(await expireIfDue(kind, r, deps));
  return filter.status ? current.filter((r) => r.status === filter.status) : current;
}

/**
 * An approver's decision on a pending record, audited in both logs with the write: one
 * conditional write from pending (and unexpired), so a second decision gets NOT_PENDING and an
 * expired one EXPIRED. `check` runs once the caller is known to be an approver.
 */
export function decidePending<T extends ChangeControlRecord>(
  kind: RecordKind<T>,
  caller: Caller,
  customerTenantId: string,
  id: string,
  detail: string,
  deps: ChangeControlDeps,
  set: (now: Date, pending: T) => Partial<T>,
  check: () => void = () => undefined
): Promise<T> {
  const subject = subjectOf(kind.category)(id, 'Update', detail);
  return audited(deps.audit, caller, subject, async (trail) => {
    await requireApprover(caller, customerTenantId, deps, kind.notFound, kind.refusals.decide);
    check();
    const r = await kind.store(deps).get(customerTenantId, id);
    if (!r) throw kind.notFound();
    trail.alsoIn(r.partnerTenantId);
    if ((await expireIfDue(kind, r, deps)).status === 'expired') throw kind.expired();
    const now = deps.now();
    const store = kind.store(deps);
    const won = await trail.commit((audit) =>
      store.transition(customerTenantId, id, 'pending', set(now, r), { unexpiredAt: now }, audit)
    );
    if (!won) throw kind.notPending();
    return won;
  });
}

/** The reads and the expiry sweep of one kind, as its use cases. */
export const readsOf = <T extends ChangeControlRecord>(kind: RecordKind<T>) => ({
  get: (caller: Caller, customerTenantId: string, id: string, deps: ChangeControlDeps) =>
    visibleRecord(kind, caller, customerTenantId, id, deps),
  list: (
    caller: Caller,
    customerTenantId: string,
    filter: { status?: T['status'] },
    deps: ChangeControlDeps
  ) => listVisible(kind, caller, customerTenantId, filter, deps),
  expireDue: (deps: ChangeControlDeps) => expireDue(kind, deps),
});
