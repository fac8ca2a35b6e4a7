using System.Text.Json;
using System.Text.Json.Serialization;
using SpotConnect.Selection;
using SpotConnect.Validation;

namespace SpotConnect.Pipeline;

/// <summary>Where the pipeline lives, where its source comes from, and the accounts it connects to Spot.</summary>
public sealed record PipelineConfig(
    [property: JsonPropertyName("pipelineAccount")] string PipelineAccount,
    [property: JsonPropertyName("pipelineRegion")] string PipelineRegion,
    [property: JsonPropertyName("source")] SourceConfig Source,
    [property: JsonPropertyName("accounts")] IReadOnlyList<AccountConfig> Accounts)
{
    /// <summary>Reads and checks <c>pipeline.json</c>; every problem is reported at once.</summary>
    /// <exception cref="SpotConnectValidationException">A value is invalid.</exception>
    public static PipelineConfig Load(string path)
    {
        var config = JsonSerializer.Deserialize<PipelineConfig>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is empty.");
        var problems = new List<ValidationProblem?> { InputRules.AccountId("pipelineAccount", config.PipelineAccount) };
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < config.Accounts.Count; i++)
        {
            var a = config.Accounts[i];
            problems.Add(InputRules.AccountId($"accounts[{i}].account", a.Account));
            problems.Add(InputRules.ExternalId($"accounts[{i}].externalId", a.ExternalId));
            problems.Add(InputRules.StackName($"accounts[{i}].name", a.Name));
            if (!names.Add(a.Name))
            {
                problems.Add(new ValidationProblem($"accounts[{i}].name", a.Name, "each account needs its own name (it names the pipeline stage)."));
            }

            try
            {
                _ = BundleSelection.Parse(a.Bundles, $"accounts[{i}].bundles");
            }
            catch (SpotConnectValidationException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        var found = problems.OfType<ValidationProblem>().ToArray();
        return found.Length == 0 ? config : throw new SpotConnectValidationException(found);
    }
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
