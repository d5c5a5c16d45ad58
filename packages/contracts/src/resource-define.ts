import { z } from 'zod';
import type { EnumName } from './labels.ts';
import type { Permission } from './permissions.ts';

/**
 * One resource of the generic CRUD layer (master data), declared once: the
 * server adds its table, joins and scope to this contract (server
 * `defineResource`), the web builds its list, filter and form from it, and the
 * export columns and import templates read its fields.
 */
export type FieldKind = 'text' | 'number' | 'enum' | 'enumList' | 'ref' | 'date' | 'bool' | 'slots';

export interface FieldSpec<Key extends string = string> {
  key: Key;
  kind: FieldKind;
  enum?: EnumName;
  /** For kind `ref`: the resource the id points at, and the field holding its display name. */
  ref?: string;
  display?: string;
  required?: boolean;
  /** Shown in the list table. */
  list?: boolean;
  /** Derived from the contract's `sorts`. */
  sortable?: boolean;
  /** Offered as a list filter (query parameter with the same key); derived from the contract's `filters`. */
  filter?: boolean;
  /** Not editable (derived by the server). */
  readOnly?: boolean;
  /**
   * An example value shown in the empty input (the web writes it as "例如 2026-2027" /
   * "e.g. 2026-2027"); language-neutral, so codes, numbers and formats only.
   */
  placeholder?: string;
  /**
   * Personal data (证件号码): lists, details, exports and audit diffs show it masked
   * (maskIdNumber); the API returns it in full only to a manager of the row, for the edit form.
   */
  sensitive?: boolean;
}

/** The version an edit was based on (optimistic concurrency); also accepted as `If-Match`. */
export const version = z.coerce.number().int().min(1);

/** Keys of the item a resource returns. */
type ItemKey<Item extends z.ZodObject> = keyof z.output<Item> & string;

export interface ResourceContractSpec<
  Key extends string,
  Input extends z.ZodObject,
  Item extends z.ZodObject,
  Filter extends ItemKey<Item>,
  Sort extends ItemKey<Item>,
> {
  key: Key;
  /** URL path segment under /api. */
  path: string;
  read: Permission;
  manage: Permission;
  /** Create body; PATCH takes the same fields, all optional, without defaults, plus `version`. */
  input: Input;
  /** What list, get, create and update return (the OpenAPI response schema), `version` included. */
  item: Item;
  fields: FieldSpec<ItemKey<Item>>[];
  /** Query-string filters of the list (equality), by item field. */
  filters: readonly Filter[];
  /** Sortable item fields of the list. */
  sorts: readonly Sort[];
  /** Importable from CSV/XLSX (see IMPORT_COLUMNS). */
  importable?: boolean;
}

/** The PATCH schema of a create schema: every field optional and no defaults, so a PATCH of just the name resets nothing. */
function updateOf<Input extends z.ZodObject>(input: Input): z.ZodType<Partial<z.output<Input>> & { version?: number }> {
  const shape = Object.fromEntries(
    Object.entries(input.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? v.unwrap() : v) as z.ZodType]),
  );
  // The same fields as `input` (defaults unwrapped), all optional: its output is a partial input.
  return z.object(shape).partial().extend({ version: version.optional() }) as unknown as z.ZodType<
    Partial<z.output<Input>> & { version?: number }
  >;
}

export function defineResource<
  const Key extends string,
  Input extends z.ZodObject,
  Item extends z.ZodObject,
  const Filter extends ItemKey<Item>,
  const Sort extends ItemKey<Item>,
>(spec: ResourceContractSpec<Key, Input, Item, Filter, Sort>) {
  const filters = new Set<string>(spec.filters);
  const sorts = new Set<string>(spec.sorts);
  return {
    ...spec,
    update: updateOf(spec.input),
    fields: spec.fields.map((f) => ({ ...f, filter: filters.has(f.key), sortable: sorts.has(f.key) })),
  };
}

/** What `defineResource` returns: the contract the server and the web share. */
export type ResourceContract<
  Key extends string = string,
  Input extends z.ZodObject = z.ZodObject,
  Item extends z.ZodObject = z.ZodObject,
  Filter extends ItemKey<Item> = ItemKey<Item>,
  Sort extends ItemKey<Item> = ItemKey<Item>,
> = ReturnType<typeof defineResource<Key, Input, Item, Filter, Sort>>;
