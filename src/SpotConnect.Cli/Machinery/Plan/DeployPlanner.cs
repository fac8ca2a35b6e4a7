using SpotConnect.Org;
using SpotConnect.Policies;
using SpotConnect.Settings;

namespace SpotConnect.Plan;

/// <summary>
/// Compares what a deploy would deploy now (a resolved <see cref="SpotLinkSpec"/> or <see cref="SpotOrgSpec"/>) with what
/// the last successful deploy recorded: settings, role properties, the managed policies (permissions compared with
/// <see cref="PolicyComparison"/>, the engine of <c>policy --compare</c>), StackSets' accounts and the management
/// account's role. Pure: no AWS, no CDK, nothing written.
/// </summary>
internal static class DeployPlanner
{
    /// <summary>The plan of a link deploy; <paramref name="nameOf"/> names its settings as the command's user knows them.</summary>
    public static DeployPlan Link(LinkDeployRecord? recorded, SpotLinkSpec link, IReadOnlyDictionary<Setting, string> given, string stackName, string awsAccountId, Func<Setting, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(link);
        var planned = DeployRecords.ForLink(link, given, stackName, default);
        return new DeployPlan
        {
            Kind = PlanKind.Link,
            StackName = stackName,
            Target = $"AWS account {awsAccountId} ({link.Partition.Name})",
            FirstDeploy = recorded is null,
            DeployedAt = recorded?.DeployedAt,
            Settings = SettingChanges(DeployRecords.LinkSettings, recorded?.Settings, planned.Settings, nameOf),
            Role = RolePlanOf(recorded?.Role, planned.Role, role => Arn(link.Partition.Name, awsAccountId, role)),
            Policies = PoliciesPlanOf(link, recorded?.Policies, recorded?.AwsManagedPolicies),
            Permissions = PermissionsOf(link, recorded?.Policies),
        };
    }

    /// <summary>The plan of an org deploy (the placement of <paramref name="org"/> is in memory: nothing is written).</summary>
    public static DeployPlan Org(OrgDeployRecord? recorded, SpotOrgSpec org, IReadOnlyDictionary<Setting, string> given, string stackName, Func<Setting, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(org);
        var planned = DeployRecords.ForOrg(org, given, stackName, default);
        var deployedSets = recorded?.StackSets ?? new Dictionary<string, IReadOnlyList<string>>();
        var names = planned.StackSets.Keys.Concat(org.State.StackSets.Select(s => s.Name)).Concat(deployedSets.Keys).Distinct(StringComparer.Ordinal);
        var stackSets = names
            .Select(n => new StackSetPlan(n, deployedSets.GetValueOrDefault(n) ?? [], planned.StackSets.GetValueOrDefault(n) ?? []))
            .Where(s => s.Deployed.Count > 0 || s.Planned.Count > 0)
            .ToArray();
        return new DeployPlan
        {
            Kind = PlanKind.Org,
            StackName = stackName,
            Target = $"organization {org.State.ManagementAccountId} ({org.State.Partition})",
            FirstDeploy = recorded is null,
            DeployedAt = recorded?.DeployedAt,
            Settings = SettingChanges(DeployRecords.OrgSettings, recorded?.Settings, planned.Settings, nameOf),
            Role = RolePlanOf(recorded?.Role, planned.Role, role => Arn(org.State.Partition, "<account>", role)),
            Policies = PoliciesPlanOf(org.Link, recorded?.Policies, recorded?.AwsManagedPolicies),
            Permissions = PermissionsOf(org.Link, recorded?.Policies),
            StackSets = stackSets,
            ManagementAccount = new ManagementPlan(recorded?.ManagementAccount, planned.ManagementAccount),
        };
    }

    /// <summary>The role properties that differ between <paramref name="deployed"/> and <paramref name="planned"/> (none when nothing is deployed).</summary>
    public static IReadOnlyList<RolePropertyChange> RoleChanges(DeployedRole? deployed, DeployedRole planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        if (deployed is null)
        {
            return [];
        }

        var changes = new List<RolePropertyChange>();
        void Compare(string property, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new(property, before, after));
            }
        }

        Compare("name", deployed.Name, planned.Name);
        Compare("path", deployed.Path, planned.Path);
        Compare("permissionsBoundary", deployed.PermissionsBoundary, planned.PermissionsBoundary);
        Compare("tags", TagsText(deployed.Tags), TagsText(planned.Tags));
        return changes;
    }

    private static RolePlan RolePlanOf(DeployedRole? deployed, DeployedRole planned, Func<DeployedRole, string> arn)
    {
        var changes = RoleChanges(deployed, planned);
        var action = deployed is null ? RoleAction.Create
            : changes.Any(c => c.Replaces) ? RoleAction.Replace
            : changes.Count > 0 ? RoleAction.Update
            : RoleAction.None;
        return new RolePlan(action, deployed is null ? null : arn(deployed), arn(planned), deployed is null ? null : SortedTags(deployed), SortedTags(planned), changes);
    }

    private static PoliciesPlan PoliciesPlanOf(SpotLinkSpec link, IReadOnlyList<DeployedPolicy>? deployed, IReadOnlyList<string>? deployedAwsManaged)
    {
        var plannedPolicies = DeployRecords.PoliciesOf(link);
        var documentsChanged = deployed is null
            || deployed.Count != plannedPolicies.Count
            || deployed.Zip(plannedPolicies).Any(p => p.First.Name != p.Second.Name || p.First.Document.ToJsonString() != p.Second.Document.ToJsonString());
        var awsBefore = deployedAwsManaged ?? [];
        var awsAfter = link.Plan.AwsManagedPolicies;
        return new PoliciesPlan(
            (deployed ?? []).Select(p => p.Name).ToArray(),
            plannedPolicies.Select(p => p.Name).ToArray(),
            documentsChanged,
            awsAfter.Except(awsBefore, StringComparer.Ordinal).Select(n => PolicyPlan.AwsManagedPolicyArn(link.Partition, n)).ToArray(),
            awsBefore.Except(awsAfter, StringComparer.Ordinal).Select(n => PolicyPlan.AwsManagedPolicyArn(link.Partition, n)).ToArray());
    }

    private static PolicyComparison PermissionsOf(SpotLinkSpec link, IReadOnlyList<DeployedPolicy>? deployed) =>
        PolicyComparison.Compare(link.Plan, link.Partition, deployed is { Count: > 0 }
            ? ExistingPolicy.Parse(DeployRecords.PoliciesJson(deployed))
            : new ExistingPolicy { Grants = [], Skipped = [] });

    private static SettingChange[] SettingChanges(IReadOnlyList<Setting> settings, IReadOnlyDictionary<string, string>? deployed, IReadOnlyDictionary<string, string> planned, Func<Setting, string> nameOf)
    {
        if (deployed is null)
        {
            return [];
        }

        return settings
            .Select(s => new SettingChange(nameOf(s), s.ContextKey, deployed.GetValueOrDefault(s.ContextKey), planned.GetValueOrDefault(s.ContextKey)))
            .Where(c => !string.Equals(c.Deployed, c.Planned, StringComparison.Ordinal))
            .ToArray();
    }

    /// <summary>The role with its tags sorted by key (none: <see langword="null"/>), as a plan shows them.</summary>
    private static DeployedRole SortedTags(DeployedRole role) =>
        role with { Tags = role.Tags is { Count: > 0 } tags ? new SortedDictionary<string, string>(tags.ToDictionary(), StringComparer.Ordinal) : null };

    private static string Arn(string partition, string account, DeployedRole role) => OrgRegistrar.RoleArn(partition, account, role.Name, role.Path);

    /// <summary>Tags as <c>Key=Value,…</c> sorted by key; <see langword="null"/> when none.</summary>
    public static string? TagsText(IReadOnlyDictionary<string, string>? tags) =>
        tags is { Count: > 0 } ? string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) : null;
}
