using SpotConnect.Validation;

namespace SpotConnect.Policies;

/// <summary>
/// An AWS partition SpotConnect can deploy into. IAM is separate per partition: the role, the trusted Spot
/// account and every ARN must belong to the same one.
/// </summary>
public sealed record SpotPartition
{
    private SpotPartition(string name, string description, string? spotAccountId, bool allowsCustomSelection)
    {
        Name = name;
        Description = description;
        SpotAccountId = spotAccountId;
        AllowsCustomSelection = allowsCustomSelection;
    }

    /// <summary>The standard commercial partition, <c>aws</c>.</summary>
    public static SpotPartition Aws { get; } = new("aws", "AWS commercial regions", "922761411349", allowsCustomSelection: true);

    /// <summary>AWS GovCloud (US), <c>aws-us-gov</c>.</summary>
    public static SpotPartition AwsUsGov { get; } = new("aws-us-gov", "AWS GovCloud (US)", null, allowsCustomSelection: false);

    /// <summary>AWS China, <c>aws-cn</c>.</summary>
    public static SpotPartition AwsCn { get; } = new("aws-cn", "AWS China", null, allowsCustomSelection: false);

    /// <summary>Every supported partition.</summary>
    public static IReadOnlyList<SpotPartition> All { get; } = [Aws, AwsUsGov, AwsCn];

    /// <summary>The partition with the longest name: policy sizes are budgeted for it.</summary>
    public static SpotPartition Longest { get; } = All.MaxBy(p => p.Name.Length)!;

    /// <summary>The partition name as it appears in ARNs (<c>aws</c>, <c>aws-us-gov</c>, <c>aws-cn</c>).</summary>
    public string Name { get; }

    /// <summary>A human description.</summary>
    public string Description { get; }

    /// <summary>
    /// Spot's published AWS account in this partition, trusted by default; <see langword="null"/> where Spot
    /// publishes none (GovCloud, China), so the account must be given explicitly.
    /// </summary>
    public string? SpotAccountId { get; }

    /// <summary>Whether Spot's console lets accounts in this partition customize permissions (only <c>aws</c>).</summary>
    public bool AllowsCustomSelection { get; }

    /// <summary>Parses a partition name.</summary>
    /// <exception cref="SpotConnectValidationException">The name is not a supported partition.</exception>
    public static SpotPartition Parse(string? name, string field = "partition") =>
        All.FirstOrDefault(p => p.Name == name?.Trim())
        ?? throw new SpotConnectValidationException(new ValidationProblem(
            field, name, "not a supported AWS partition.", All.Select(p => p.Name).ToArray()));

    /// <summary>Replaces <c>${AWS::Partition}</c> in an ARN template with this partition's name.</summary>
    public string Resolve(string arnTemplate) =>
        arnTemplate.Replace(Catalog.CatalogStatement.PartitionPlaceholder, Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Name;
}
