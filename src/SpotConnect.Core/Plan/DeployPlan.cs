using SpotConnect.Policies;
using SpotConnect.Settings;

namespace SpotConnect.Plan;

/// <summary>A setting whose effective value differs from the one deployed (<see langword="null"/>: none).</summary>
internal sealed record SettingChange(Setting Setting, string? Deployed, string? Planned);

/// <summary>A role property that differs: <c>name</c>, <c>path</c> (both replace the role), <c>permissionsBoundary</c>, <c>tags</c> (updated in place).</summary>
internal sealed record RolePropertyChange(string Property, string? Deployed, string? Planned)
{
    /// <summary>Whether changing this property makes CloudFormation replace the role (a new role, a new ARN).</summary>
    public bool Replaces => Property is "name" or "path";
}

/// <summary>What a deploy does to the role.</summary>
internal enum RoleAction
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>Creates it (nothing recorded).</summary>
    Create,

    /// <summary>Updates it in place (boundary, tags): the ARN stays.</summary>
    Update,

    /// <summary>Replaces it: a new role with a new ARN; Spot loses access until the new ARN is registered.</summary>
    Replace,
}

/// <summary>The role's part of a plan.</summary>
internal sealed record RolePlan(RoleAction Action, DeployedRole? Deployed, DeployedRole Planned, IReadOnlyList<RolePropertyChange> Changes);

/// <summary>The managed policies' part of a plan: names, AWS managed policies, and the permissions, compared as <c>policy --compare</c> compares them.</summary>
internal sealed record PoliciesPlan(
    IReadOnlyList<string> DeployedNames,
    IReadOnlyList<string> PlannedNames,
    IReadOnlyList<string> AwsManagedAdded,
    IReadOnlyList<string> AwsManagedRemoved,
    PolicyComparison Permissions,
    bool DocumentsChanged)
{
    /// <summary>Whether a deploy changes any managed policy (a document, a name, an attachment).</summary>
    public bool HasChanges =>
        DocumentsChanged || !DeployedNames.SequenceEqual(PlannedNames, StringComparer.Ordinal) || AwsManagedAdded.Count > 0 || AwsManagedRemoved.Count > 0 || !Permissions.IsIdentical;
}

/// <summary>One StackSet's accounts, deployed and planned.</summary>
internal sealed record StackSetPlan(string Name, IReadOnlyList<string> Deployed, IReadOnlyList<string> Planned)
{
    /// <summary>Accounts the deploy adds to the StackSet (a stack instance, a role).</summary>
    public IReadOnlyList<string> Added { get; } = Planned.Except(Deployed, StringComparer.Ordinal).ToArray();

    /// <summary>Accounts the deploy removes from the StackSet (their stack instance, and role, deleted).</summary>
    public IReadOnlyList<string> Removed { get; } = Deployed.Except(Planned, StringComparer.Ordinal).ToArray();

    /// <summary>Whether the accounts change.</summary>
    public bool HasChanges => Added.Count > 0 || Removed.Count > 0;
}

/// <summary>The management account's own role (in SpotOrgStack), deployed and planned.</summary>
internal sealed record ManagementPlan(DeployedManagementAccount? Deployed, DeployedManagementAccount? Planned)
{
    /// <summary>Whether it changes: added, removed, or a new ARN.</summary>
    public bool HasChanges => Deployed?.RoleArn != Planned?.RoleArn || Deployed?.AwsAccountId != Planned?.AwsAccountId;
}

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
