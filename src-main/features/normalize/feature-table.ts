/**
 * Named feature columns (struct of arrays): the shape every feature module hands to
 * normalisation and the model. Column j is the feature `names[j]`; all columns share a row
 * count, and row i of every column describes the same decision bar.
 */

/** One feature column. */
export type FeatureColumn = Float32Array | Float64Array;

/** Named feature columns of equal length. */
export interface FeatureTable {
  readonly names: readonly string[];
  readonly columns: readonly FeatureColumn[];
  readonly length: number;
}

/** Builds a table, rejecting mismatched lengths and duplicate or empty names. */
export function featureTable(
  names: readonly string[],
  columns: readonly FeatureColumn[],
): FeatureTable {
  if (names.length !== columns.length) {
    throw new RangeError(`${names.length} feature names for ${columns.length} columns`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '') throw new RangeError('a feature name is empty');
    if (seen.has(name)) throw new RangeError(`feature name '${name}' appears twice`);
    seen.add(name);
  }
  const length = columns[0]?.length ?? 0;
  columns.forEach((c, j) => {
    if (c.length !== length) {
      throw new RangeError(`column '${names[j]}' has ${c.length} rows, expected ${length}`);
    }
  });
  return { names: [...names], columns: [...columns], length };
}

/** The column named `name`; throws when the table has none. */
export function featureColumn(table: FeatureTable, name: string): FeatureColumn {
  const j = table.names.indexOf(name);
  const column = table.columns[j];
  if (j < 0 || column === undefined) throw new RangeError(`no feature named '${name}'`);
  return column;
}
