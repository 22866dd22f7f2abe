/**
 * The lake: the three-level catalog, Delta tables on Delta Kernel, the write-ahead log and SQL on
 * DuckDB (SPEC §5–6). Empty until the lake issue lands; the module exists so the dependency
 * direction (server → lake, never the reverse) is fixed from the start.
 */
package dev.lakegate.lake;
