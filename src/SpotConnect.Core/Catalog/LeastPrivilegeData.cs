using System.Text.Json;

namespace SpotConnect.Catalog;

/// <summary>
/// The facts behind the least-privilege settings, as data with their public sources
/// (<c>Catalog/least-privilege.json</c>): the actions of AWS's global services, Spot's destructive EC2 actions
/// and the tag they are restricted to, the statements of Spot's extra grants, and the regions of each partition.
/// </summary>
internal sealed record LeastPrivilegeData
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
