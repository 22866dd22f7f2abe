/**
 * The three-level catalog (catalog › schema › table) as Unity Catalog models it: names ({@link
 * dev.lakegate.lake.catalog.CatalogName}, {@link dev.lakegate.lake.catalog.SchemaName}, {@link
 * dev.lakegate.lake.catalog.TableName}, validated and lower-cased), the store interface {@link
 * dev.lakegate.lake.catalog.Catalog} with an in-memory implementation, privileges and grants, and
 * {@link dev.lakegate.lake.catalog.ColumnTypes} for the REST API's {@code type_text} / {@code
 * type_json}. Nothing here checks authorization; the server does, with the grants recorded here.
 */
package dev.lakegate.lake.catalog;
