namespace SpotConnect.Catalog;

/// <summary>
/// One IAM statement of the catalog, as Spot publishes it: its <c>Sid</c>, its actions and its resources.
/// Resource ARNs are templates that may contain <c>${AWS::Partition}</c>.
/// </summary>
/// <param name="Sid">Spot's statement id, kept in every generated policy.</param>
/// <param name="Actions">The actions, in Spot's order (may contain wildcards).</param>
/// <param name="Resources">The resources, with <c>${AWS::Partition}</c> where an ARN names the partition.</param>
public sealed record CatalogStatement(string Sid, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    /// <summary>The placeholder for the partition inside resource ARNs.</summary>
    public const string PartitionPlaceholder = "${AWS::Partition}";
}
