/**
 * Cursor pagination over the store. Lists sort on a unique key tuple (e.g. createdAt desc, _id
 * desc); the cursor is the last row's key tuple, opaque to clients (base64url JSON), validated on
 * the way in. The query parameters (`limit`, `cursor`) are the HTTP contract's (contracts/common.ts).
 */
import { z } from 'zod';
import { ErrorCodes, invalid } from '../core/errors.ts';
import type { PageRequest, PageResult } from '../core/paging.ts';
import type { BaseDoc, DocCollection, Filter, Projection } from '../store/types.ts';

export type SortSpec = readonly (readonly [field: string, dir: 1 | -1])[];

/** A list's order: `field`, ties broken by `_id` the same way (a unique key tuple). */
export const sortOn = (field: string, dir: 1 | -1 = 1): SortSpec => [
  [field, dir],
  ['_id', dir],
];
type CursorValue = string | number | boolean | null | { $date: string };

const cursorSchema = z.array(
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.object({ $date: z.iso.datetime() })])
);

const getPath = (doc: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      doc
    );

export function encodeCursor(values: unknown[]): string {
  const enc: CursorValue[] = values.map((v) =>
    v instanceof Date ? { $date: v.toISOString() } : ((v as CursorValue) ?? null)
  );
  return Buffer.from(JSON.stringify(enc)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const parsed = cursorSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    );
    if (parsed.length !== arity) throw new Error('arity');
    return parsed.map((v) => (v && typeof v === 'object' && '$date' in v ? new Date(v.$date) : v));
  } catch {
    throw invalid(
      ErrorCodes.REQUEST_BAD_CURSOR,
      'The page cursor is not valid. Start again from the first page.'
    );
  }
}

/** Filter selecting rows strictly after `after` in `sort` order (keyset pagination). */
export function afterFilter(sort: SortSpec, after: unknown[]): Record<string, unknown> {
  const ors = sort.map(([field, dir], i) => {
    const clause: Record<string, unknown> = {};
    for (let j = 0; j < i; j++) clause[sort[j][0]] = after[j];
    clause[field] = { [dir === 1 ? '$gt' : '$lt']: after[i] };
    return clause;
  });
  return { $or: ors };
}

/** {@link findPage}, each document mapped (e.g. to the core's model). */
export async function findPageOf<T extends BaseDoc, M>(
  coll: DocCollection<T>,
  filter: Filter<T>,
  sort: SortSpec,
  page: PageRequest,
  map: (doc: T) => M
): Promise<PageResult<M>> {
  const r = await findPage(coll, filter, sort, page);
  const items = r.items.map(map);
  return r.nextCursor ? { items, nextCursor: r.nextCursor } : { items };
}

/** One page of `coll` matching `filter`, in `sort` order, continuing from `cursor`. */
export async function findPage<T extends BaseDoc>(
  coll: DocCollection<T>,
  filter: Filter<T>,
  sort: SortSpec,
  page: PageRequest,
  /** Only these fields (an inclusion projection; it must keep the sort's fields). */
  projection?: Projection
): Promise<PageResult<T>> {
  const combined = page.cursor
    ? ({ $and: [filter, afterFilter(sort, decodeCursor(page.cursor, sort.length))] } as Filter<T>)
    : filter;
  const rows = await coll
    .find(combined, {
      sort: Object.fromEntries(sort),
      limit: page.limit + 1,
      ...(projection ? { projection } : {}),
    })
    .toArray();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return rows.length > page.limit && last
    ? { items, nextCursor: encodeCursor(sort.map(([f]) => getPath(last, f))) }
    : { items };
}
