using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SpotConnect.Selection;
using SpotConnect.Validation;

namespace SpotConnect.Pipeline;

/// <summary>Where the pipeline lives, where its source comes from, and the accounts it connects to Spot.</summary>
public sealed partial record PipelineConfig(
    [property: JsonPropertyName("pipelineAccount")] string PipelineAccount,
    [property: JsonPropertyName("pipelineRegion")] string PipelineRegion,
    [property: JsonPropertyName("source")] SourceConfig Source,
    [property: JsonPropertyName("accounts")] IReadOnlyList<AccountConfig> Accounts)
{
    /// <summary>Reads and checks <c>pipeline.json</c>; every problem is reported at once.</summary>
    /// <exception cref="SpotConnectValidationException">A value is invalid.</exception>
    public static PipelineConfig Load(string path)
    {
        PipelineConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<PipelineConfig>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new SpotConnectValidationException(new ValidationProblem(path, null, $"not valid JSON ({e.Message})."));
        }

        if (config is null)
        {
            throw new SpotConnectValidationException(new ValidationProblem(path, null, "the file is empty."));
        }

        var problems = new List<ValidationProblem?>
        {
            InputRules.AccountId("pipelineAccount", config.PipelineAccount),
            Region("pipelineRegion", config.PipelineRegion),
            config.Source is null ? new ValidationProblem("source", null, "give the repository, branch and CodeConnections connection ARN the pipeline builds from.") : null,
        };
        if (config.Source is { } source)
        {
            problems.Add(RepositoryPattern().IsMatch(source.Repository ?? string.Empty) ? null : new ValidationProblem("source.repository", source.Repository, "an 'owner/name' repository."));
            problems.Add(string.IsNullOrWhiteSpace(source.Branch) ? new ValidationProblem("source.branch", source.Branch, "a branch name.") : null);
            problems.Add(ConnectionPattern().IsMatch(source.ConnectionArn ?? string.Empty) ? null : new ValidationProblem("source.connectionArn", source.ConnectionArn, "a CodeConnections (or CodeStar Connections) connection ARN, e.g. arn:aws:codeconnections:us-east-1:111111111111:connection/…"));
        }

        if (config.Accounts is not { Count: > 0 })
        {
            problems.Add(new ValidationProblem("accounts", null, "list at least one account to connect to Spot."));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (config.Accounts?.Count ?? 0); i++)
        {
            var a = config.Accounts![i];
            problems.Add(InputRules.AccountId($"accounts[{i}].account", a.Account));
            problems.Add(Region($"accounts[{i}].region", a.Region));
            problems.Add(InputRules.ExternalId($"accounts[{i}].externalId", a.ExternalId));
            problems.Add(InputRules.StackName($"accounts[{i}].name", a.Name));
            if (a.Name is not null && !names.Add(a.Name))
            {
                problems.Add(new ValidationProblem($"accounts[{i}].name", a.Name, "each account needs its own name (it names the pipeline stage)."));
            }

            try
            {
                _ = BundleSelection.Parse(a.Bundles ?? "default", $"accounts[{i}].bundles");
            }
            catch (SpotConnectValidationException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        var found = problems.OfType<ValidationProblem>().ToArray();
        return found.Length == 0 ? config : throw new SpotConnectValidationException(found);
    }

    private static ValidationProblem? Region(string field, string? value) =>
        value is not null && RegionPattern().IsMatch(value) ? null : new ValidationProblem(field, value, "an AWS region code such as us-east-1 or eu-west-1.");

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex("^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:[0-9]{12}:connection/[A-Za-z0-9-]+$")]
    private static partial Regex ConnectionPattern();
}

/// <summary>The repository the pipeline builds, through an AWS CodeConnections connection.</summary>
public sealed record SourceConfig(
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("branch")] string Branch,
    [property: JsonPropertyName("connectionArn")] string ConnectionArn);

/// <summary>One AWS account to connect to Spot.</summary>
public sealed record AccountConfig(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("externalId")] string ExternalId,
    [property: JsonPropertyName("bundles")] string Bundles = "default");
