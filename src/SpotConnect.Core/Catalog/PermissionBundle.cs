namespace SpotConnect.Catalog;

/// <summary>
/// A permission bundle: what one Spot product or integration needs, as one unit that can be selected.
/// </summary>
public sealed record PermissionBundle
{
    /// <summary>Stable, lower-case id, dotted for integrations (e.g. <c>ocean.eks</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The Spot product the bundle belongs to (e.g. <c>Ocean</c>).</summary>
    public required string Product { get; init; }

    /// <summary>The integration within the product, or <see langword="null"/> for the product itself.</summary>
    public string? Integration { get; init; }

    /// <summary>A short human title.</summary>
    public required string Title { get; init; }

    /// <summary>One line on what the bundle lets Spot do.</summary>
    public required string Description { get; init; }

    /// <summary>Whether every selection includes the bundle (only <c>general</c>).</summary>
    public bool AlwaysIncluded { get; init; }

    /// <summary>Whether the bundle is left out of <c>default</c> and must be asked for by id.</summary>
    public bool OptIn { get; init; }

    /// <summary>Ids of the bundles this one needs (an integration needs its product).</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>The statements the bundle carries, in catalog order, exactly as Spot publishes them.</summary>
    public IReadOnlyList<CatalogStatement> Statements { get; init; } = [];

    /// <summary>Names of AWS managed policies attached to the role for this bundle (e.g. <c>SecurityAudit</c>).</summary>
    public IReadOnlyList<string> AwsManagedPolicies { get; init; } = [];

    /// <summary>The product and integration as one label, e.g. <c>Ocean → EKS</c>.</summary>
    public string ProductLabel => Integration is null ? Product : $"{Product} → {Integration}";
}
