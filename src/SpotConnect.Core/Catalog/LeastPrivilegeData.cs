using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotConnect.Catalog;

/// <summary>
/// The facts behind the least-privilege settings, as data with their public sources
/// (<c>Catalog/least-privilege.json</c>): the actions of AWS's global services, Spot's destructive EC2 actions
/// and the tag they are restricted to, the statements of Spot's extra grants, and the regions of each partition.
/// </summary>
public sealed record LeastPrivilegeData
{
    private const string ResourceName = "SpotConnect.Catalog.least-privilege.json";

    private static readonly Lazy<LeastPrivilegeData> Embedded = new(Load);

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The data built into this library.</summary>
    public static LeastPrivilegeData Spot => Embedded.Value;

    /// <summary>Action patterns that stay usable outside the allowed regions (their services answer from a global endpoint).</summary>
    public required SourcedList GlobalActions { get; init; }

    /// <summary>Spot's destructive EC2 actions, allowed only on resources carrying Spot's tag.</summary>
    public required SpotTaggedActions SpotTagged { get; init; }

    /// <summary>The statements granted on the KMS keys Spot may use.</summary>
    public required ExtraGrant KmsKeys { get; init; }

    /// <summary>The statements granted on the log export bucket.</summary>
    public required ExtraGrant LogBucket { get; init; }

    /// <summary>Region codes by partition name.</summary>
    public required RegionTable Regions { get; init; }

    private static LeastPrivilegeData Load()
    {
        using var stream = typeof(LeastPrivilegeData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(LeastPrivilegeData).Assembly.GetName().Name}.");
        return JsonSerializer.Deserialize<LeastPrivilegeData>(stream, Options)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is empty.");
    }
}

/// <summary>A list of action patterns and where it comes from.</summary>
/// <param name="Source">The public source of the list.</param>
/// <param name="Actions">The action patterns.</param>
public sealed record SourcedList(string Source, IReadOnlyList<string> Actions);

/// <summary>Actions allowed only on resources that carry a tag.</summary>
/// <param name="Source">The public source.</param>
/// <param name="ConditionKey">The condition key that reads the tag (<c>ec2:ResourceTag/…</c>).</param>
/// <param name="Value">The tag's value.</param>
/// <param name="Actions">The actions.</param>
public sealed record SpotTaggedActions(string Source, string ConditionKey, string Value, IReadOnlyList<string> Actions);

/// <summary>Statements Spot documents for a feature, granted on resources the user names.</summary>
/// <param name="Source">The public source.</param>
/// <param name="Statements">The statements (Sid and actions; the resources are the user's).</param>
public sealed record ExtraGrant(string Source, IReadOnlyList<ExtraGrantStatement> Statements);

/// <summary>One statement of an <see cref="ExtraGrant"/>.</summary>
/// <param name="Sid">The statement id (Spot's, where Spot names one).</param>
/// <param name="Actions">The actions.</param>
public sealed record ExtraGrantStatement(string Sid, IReadOnlyList<string> Actions);

/// <summary>The regions of each partition.</summary>
public sealed record RegionTable
{
    /// <summary>The public source.</summary>
    public required string Source { get; init; }

    /// <summary>Regions of <c>aws</c>.</summary>
    public required IReadOnlyList<string> Aws { get; init; }

    /// <summary>Regions of <c>aws-us-gov</c>.</summary>
    [JsonPropertyName("aws-us-gov")]
    public required IReadOnlyList<string> AwsUsGov { get; init; }

    /// <summary>Regions of <c>aws-cn</c>.</summary>
    [JsonPropertyName("aws-cn")]
    public required IReadOnlyList<string> AwsCn { get; init; }

    /// <summary>The regions of the partition named <paramref name="partition"/>.</summary>
    public IReadOnlyList<string> Of(string partition) => partition switch
    {
        "aws" => Aws,
        "aws-us-gov" => AwsUsGov,
        "aws-cn" => AwsCn,
        _ => throw new ArgumentOutOfRangeException(nameof(partition), partition, "Unknown partition."),
    };
}
