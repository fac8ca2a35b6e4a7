using SpotConnect.Policies;
using SpotConnect.Settings;

namespace SpotConnect.Plan;

/// <summary>What <c>deploy</c> with the given options would change against what the last successful deploy recorded.</summary>
internal sealed record DeployPlan
{
    /// <summary>"link" or "org".</summary>
    public required string Kind { get; init; }

    /// <summary>The stack the deploy deploys.</summary>
    public required string StackName { get; init; }

    /// <summary>Nothing recorded: every state written before deploys were recorded, or never deployed.</summary>
    public required bool FirstDeploy { get; init; }

    /// <summary>When the recorded deploy finished.</summary>
    public DateTimeOffset? DeployedAt { get; init; }

    /// <summary>Settings whose effective value changes.</summary>
    public required IReadOnlyList<SettingChange> Settings { get; init; }

    /// <summary>The (member) role.</summary>
    public required RolePlan Role { get; init; }

    /// <summary>A role ARN as it is (<c>&lt;account&gt;</c> for an org's member role), for the deployed and planned roles.</summary>
    public required (string? Deployed, string Planned) RoleArn { get; init; }

    /// <summary>The managed policies and permissions.</summary>
    public required PoliciesPlan Policies { get; init; }

    /// <summary>Per StackSet, the accounts (org only).</summary>
    public IReadOnlyList<StackSetPlan> StackSets { get; init; } = [];

    /// <summary>The management account's role (org only).</summary>
    public ManagementPlan? Management { get; init; }

    /// <summary>Whether the deploy would change anything.</summary>
    public bool HasChanges =>
        FirstDeploy || Settings.Count > 0 || Role.Action != RoleAction.None || Policies.HasChanges
        || StackSets.Any(s => s.HasChanges) || Management?.HasChanges == true;
}
