using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotConnect.Cli.Link;

/// <summary>
/// What <c>spot-connect link</c> has done so far, in the state file (default <c>spot-link.json</c>), so every
/// step can run alone and a failed run continues where it stopped. Holds no secret: the external id is not
/// one (anyone who can read the role sees it), and the Spot token is never written.
/// </summary>
internal sealed record LinkState
{
    public int Version { get; init; } = 1;

    public required string AwsAccountId { get; init; }

    public required string Partition { get; init; }

    public string? CallerArn { get; init; }

    public required string SpotAccountId { get; init; }

    public string? SpotAccountName { get; init; }

    public bool SpotAccountCreated { get; init; }

    public string? ExternalId { get; init; }

    public DateTimeOffset? ExternalIdValidUntil { get; init; }

    public string? StackName { get; init; }

    public string? RoleArn { get; init; }

    public DateTimeOffset? DeployedAt { get; init; }

    public DateTimeOffset? LinkedAt { get; init; }

    /// <summary>The external id changed since the role was registered: register again even if Spot holds the same ARN.</summary>
    public bool RegistrationRequired { get; init; }
}

/// <summary>Reads and writes the state file; writes are atomic (a temporary file, then a rename).</summary>
internal static class LinkStateStore
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static LinkState? Load(string path, string option)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LinkState>(File.ReadAllText(path), Options)
                ?? throw new UsageException(new(option, path, "the state file is empty."));
        }
        catch (JsonException e)
        {
            throw new UsageException(new(option, path, $"not a spot-connect link state file ({e.Message}). Move it away to start over."));
        }
    }

    public static void Save(string path, LinkState state)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, Options) + Environment.NewLine);
        File.Move(temporary, path, overwrite: true);
    }
}
