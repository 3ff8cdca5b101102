/**
 * A small read-out table: named by `label` (tables are landmarks for screen readers), one header
 * per column, one row per item. Columns given as `false` are left out, so a page can drop its
 * Actions column when the caller may not act. `RowActions` is that column's buttons, each with
 * an accessible name that says which row it acts on.
 */
import type { ReactNode } from 'react';
import {
  Badge,
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { OpenerButton } from './OpenerButton.tsx';
import { useSharedStyles } from './styles.ts';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The class of the column's cells. */
  className?: string;
  /** The class of the column's header cell. */
  headerClassName?: string;
}

export interface SimpleTableProps<T> {
  label: string;
  columns: readonly (Column<T> | false)[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Marks selectable rows as selected or not (`undefined`: the row cannot be selected). */
  isSelected?: (row: T) => boolean | undefined;
  /** A row spanning every column, shown when there are no rows. */
  empty?: ReactNode;
  /** Fluent's row height; small by default. */
  size?: 'small' | 'medium';
  className?: string;
}

export function SimpleTable<T>({
  label,
  columns,
  rows,
  rowKey,
  isSelected,
  empty,
  size = 'small',
  className,
}: SimpleTableProps<T>) {
  const shown = columns.filter((c): c is Column<T> => c !== false);
  return (
    <Table aria-label={label} size={size} className={className}>
      <TableHeader>
        <TableRow>
          {shown.map((c) => (
            <TableHeaderCell key={c.header} className={c.headerClassName}>
              {c.header}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 && empty ? (
          <TableRow>
            <TableCell colSpan={shown.length}>{empty}</TableCell>
          </TableRow>
        ) : null}
        {rows.map((row) => (
          <TableRow key={rowKey(row)} aria-selected={isSelected?.(row)}>
            {shown.map((c) => (
              <TableCell key={c.header} className={c.className}>
                {c.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export interface RowAction {
  /** The visible text, e.g. "Delete". */
  text: string;
  /** The accessible name, e.g. "Delete Pilot". */
  name: string;
  onClick: () => void;
  /** The row's main action (e.g. Accept), drawn as the primary button. */
  primary?: boolean;
  disabled?: boolean;
}

export function RowActions({ actions }: { actions: readonly (RowAction | false)[] }) {
  const styles = useSharedStyles();
  return (
    <div className={styles.row}>
      {actions
        .filter((a): a is RowAction => a !== false)
        .map((a) => (
          // Keyed by the verb, not the name: renaming the row's object keeps the (focused) button.
          <OpenerButton
            key={a.text}
            size="small"
            appearance={a.primary ? 'primary' : undefined}
            disabled={a.disabled}
            aria-label={a.name}
            onClick={a.onClick}
          >
            {a.text}
          </OpenerButton>
        ))}
    </div>
  );
}

/** The Actions column: each row's buttons from `actions(row)` (null: none for that row). */
export function actionsColumn<T>(
  header: string,
  actions: (row: T) => readonly (RowAction | false)[] | null
): Column<T> {
  return {
    header,
    cell: (row) => {
      const list = actions(row);
      return list ? <RowActions actions={list} /> : null;
    },
  };
}

/** A name cell with its description under it, in the secondary colour. */
export function NameCell({
  name,
  description,
  authored = false,
}: {
  name: string;
  description?: string;
  /** Written by a person (a custom role or ring): shown as typed, in whatever language it is. */
  authored?: boolean;
}) {
  const styles = useSharedStyles();
  return (
    <>
      {authored ? <span data-authored="">{name}</span> : name}
      {description ? (
        <span className={styles.sub} {...(authored ? { 'data-authored': '' } : {})}>
          {description}
        </span>
      ) : null}
    </>
  );
}

/** An organisation's cell (a customer, a partner): its name, its domain under it, then `children`. */
export function OrgCell({
  name,
  domain,
  children,
}: {
  name: string;
  domain: string;
  children?: ReactNode;
}) {
  const styles = useSharedStyles();
  return (
    <>
      <Text weight="semibold">{name}</Text>
      <Caption1 className={styles.sub}>{domain}</Caption1>
      {children}
    </>
  );
}

/** "Built-in" or "Custom", for roles and update rings. */
export function BuiltInBadge({
  builtIn,
  labels,
}: {
  builtIn: boolean;
  labels: { builtIn: string; custom: string };
}) {
  return (
    <Badge appearance="tint" color={builtIn ? 'brand' : 'informative'}>
      {builtIn ? labels.builtIn : labels.custom}
    </Badge>
  );
}
