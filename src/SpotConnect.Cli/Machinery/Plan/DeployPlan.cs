using System.Globalization;
using System.Text.Json.Serialization;
using SpotConnect.Policies;

namespace SpotConnect.Plan;

/// <summary>
/// What <c>deploy</c> with the given options would change against what the last successful deploy recorded.
/// <c>plan --json</c> prints it serialized as it is (<see cref="IO.CliJson"/>); the table and the Markdown render it.
/// </summary>
internal sealed record DeployPlan
{
    /// <summary>A link's plan or an organization's.</summary>
    public required PlanKind Kind { get; init; }

    /// <summary>The stack the deploy deploys.</summary>
    public required string StackName { get; init; }

    /// <summary>Where it deploys, in words: the AWS account, or the organization by its management account (partition in parentheses).</summary>
    public required string Target { get; init; }

    /// <summary>Whether the deploy would change anything.</summary>
    [JsonPropertyName("changed")]
    public bool HasChanges =>
        FirstDeploy || Settings.Count > 0 || Role.Action != RoleAction.None || Policies.HasChanges || !Permissions.IsIdentical
        || StackSets?.Any(s => s.HasChanges) == true || ManagementAccount?.HasChanges == true;

    /// <summary>Nothing recorded: every state written before deploys were recorded, or never deployed.</summary>
    public required bool FirstDeploy { get; init; }

    /// <summary>When the recorded deploy finished.</summary>
    public DateTimeOffset? DeployedAt { get; init; }

    /// <summary>Settings whose effective value changes.</summary>
    public required IReadOnlyList<SettingChange> Settings { get; init; }

    /// <summary>The (member) role.</summary>
    public required RolePlan Role { get; init; }

    /// <summary>The managed policies: names, documents, AWS managed attachments.</summary>
    public required PoliciesPlan Policies { get; init; }

    /// <summary>The permissions the policies grant, compared as <c>policy --compare</c> compares them.</summary>
    public required PolicyComparison Permissions { get; init; }

    /// <summary>Per StackSet, the accounts (an organization's plan only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StackSetPlan>? StackSets { get; init; }

    /// <summary>The management account's own role (an organization's plan only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ManagementPlan? ManagementAccount { get; init; }

    /// <summary>What the command adds about this run (an option over cdk.json, an option that changes nothing for a plan, …).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>One line saying what changes, or that nothing does.</summary>
    public string Summary => HasChanges
        ? $"Changes: {string.Join(", ", Changes())}. Next: `spot-connect {Command} deploy` with the same options{(Role.Replaced ? $" and {Cli.Plan.RoleReplacementGuard.Option}" : string.Empty)} makes them."
        : $"No change: `{Command} deploy` with these options changes nothing against the deploy recorded {RecordedAt}.";

    /// <summary>The CLI's command of this kind: <c>link</c> or <c>org</c>.</summary>
    [JsonIgnore]
    public string Command => Kind == PlanKind.Org ? "org" : "link";

    /// <summary>When the recorded deploy finished, as people read it.</summary>
    [JsonIgnore]
    public string RecordedAt => DeployedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "(never)";

    private IEnumerable<string> Changes()
    {
        if (FirstDeploy)
        {
            yield return "first deploy";
        }

        if (Settings.Count > 0)
        {
            yield return $"{Settings.Count} setting(s)";
        }

        yield return $"role {Role.Wording}";
        yield return FirstDeploy ? $"{Permissions.Added.Count} permission(s) granted" : $"permissions +{Permissions.Added.Count} -{Permissions.Removed.Count}";
        if (Policies.AwsManagedAdded.Count + Policies.AwsManagedRemoved.Count > 0)
        {
            yield return $"AWS managed policies +{Policies.AwsManagedAdded.Count} -{Policies.AwsManagedRemoved.Count}";
        }

        if (StackSets is { } stackSets)
        {
            yield return $"accounts +{stackSets.Sum(s => s.Added.Count)} -{stackSets.Sum(s => s.Removed.Count)}";
        }

        if (ManagementAccount?.HasChanges == true)
        {
            yield return "management account's role changes";
        }
    }
}
