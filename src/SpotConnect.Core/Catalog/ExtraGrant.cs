namespace SpotConnect.Catalog;

/// <summary>Statements Spot documents for a feature, granted on resources the user names.</summary>
/// <param name="Source">The public source.</param>
/// <param name="Statements">The statements (Sid and actions; the resources are the user's).</param>
internal sealed record ExtraGrant(string Source, IReadOnlyList<ExtraGrantStatement> Statements);
