using System.Text.Json.Serialization;

namespace SpotConnect.Catalog;

/// <summary>The regions of each partition.</summary>
internal sealed record RegionTable
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
