using SpotConnect.Catalog;

namespace SpotConnect.Policies;

/// <summary>A catalog statement after de-duplication, with what was dropped and why it is still granted.</summary>
/// <param name="Original">The statement as Spot publishes it.</param>
/// <param name="Statement">The statement as it goes into a policy.</param>
/// <param name="Dropped">Each dropped action with the grant that still covers it (e.g. <c>autoscaling:*</c> in OceanAndElastigroupBasicActions).</param>
internal sealed record ReducedStatement(CatalogStatement Original, PolicyStatementSpec Statement, IReadOnlyList<DroppedAction> Dropped);

/// <summary>An action left out of a statement because another grant that is always present covers it.</summary>
/// <param name="Action">The action left out.</param>
/// <param name="CoveredBy">The covering action.</param>
/// <param name="CoveringSid">The Sid of the statement holding the covering action.</param>
public sealed record DroppedAction(string Action, string CoveredBy, string CoveringSid);
