/**
 * The lake inside the gateway (SPEC §6): {@link dev.lakegate.server.lake.SqlCatalog}, the catalog
 * on the control-plane database; {@link dev.lakegate.server.lake.LakeService}, which runs SQL
 * statements for a caller with Unity Catalog's privilege rules ({@code Access}); and the HTTP APIs
 * on top, the SQL Statement Execution API ({@code StatementsApi}) and the read side of the Unity
 * Catalog API ({@code UnityCatalogApi}). {@link dev.lakegate.server.lake.Lake} assembles them.
 * Decisions are written up in {@code docs/lake.md}.
 */
package dev.lakegate.server.lake;
