using SpotConnect.Plan;

namespace SpotConnect.Cli.Plan;

/// <summary>
/// One row of a plan as people read it, built once from a <see cref="DeployPlan"/> (<see cref="Of"/>), then printed as
/// the table text or as Markdown (<see cref="PlanPrinter"/>).
/// </summary>
/// <param name="Mark">What the row says.</param>
/// <param name="Label">What it is about: a part of the plan, a setting, a role property, a grant, an account.</param>
/// <param name="Deployed">Its deployed value (<see langword="null"/>: none).</param>
/// <param name="Planned">Its planned value (<see langword="null"/>: none).</param>
/// <param name="Remark">What happens to it (a headline's "REPLACED", "3 changed") or why ("replaces the role").</param>
internal sealed record PlanRow(PlanMark Mark, string Label, string? Deployed = null, string? Planned = null, string? Remark = null)
{
    /// <summary>The rows of <paramref name="plan"/>, in the order both renderings print them.</summary>
    public static IReadOnlyList<PlanRow> Of(DeployPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rows = new List<PlanRow>();
        if (plan.Settings.Count > 0)
        {
            rows.Add(new(PlanMark.Head, "Settings", Remark: $"{plan.Settings.Count} changed"));
            rows.AddRange(plan.Settings.Select(s => new PlanRow(PlanMark.Changed, s.Setting, s.Deployed, s.Planned)));
        }

        var role = plan.Role;
        rows.Add(new(role.Replaced ? PlanMark.Alert : PlanMark.Head, "Role", role.DeployedArn, role.PlannedArn, role.Wording));
        rows.AddRange(role.Changes.Select(c => new PlanRow(PlanMark.Changed, c.Property, c.Deployed, c.Planned, c.Replaces ? "replaces the role" : null)));
        if (role.Replaced)
        {
            rows.Add(new(PlanMark.Warning, $"A new role name or path replaces the role: CloudFormation creates a new role with a new ARN and deletes the old one, and Spot loses access until the new ARN is registered. `{plan.Command} deploy` refuses this without {RoleReplacementGuard.Option}."));
        }

        var (policies, permissions) = (plan.Policies, plan.Permissions);
        var rewritten = policies.DocumentsChanged && permissions.IsIdentical && !policies.NamesChanged ? "; the documents change (statements move or are reworded)" : string.Empty;
        rows.Add(new(PlanMark.Head, "Managed policies", Names(policies.Deployed), Names(policies.Planned), plan.FirstDeploy
            ? $"{permissions.Added.Count} permission(s) granted (`spot-connect policy` prints them)"
            : $"{permissions.Added.Count} permission(s) added, {permissions.Removed.Count} removed (condition-aware, as `policy --compare`){rewritten}"));
        if (!plan.FirstDeploy)
        {
            rows.AddRange(permissions.Added.Select(c => new PlanRow(PlanMark.Added, c.Grant.ToString(), Remark: c.PartlyKept.Count > 0 ? $"widens: the deployed policies grant {c.PartlyKept.Count} it covers, e.g. {c.PartlyKept[0]}" : null)));
            rows.AddRange(permissions.Removed.Select(c => new PlanRow(PlanMark.Removed, c.Grant.ToString(), Remark: c.PartlyKept.Count > 0 ? $"narrowed: still grants {c.PartlyKept.Count} it covers, e.g. {c.PartlyKept[0]}" : null)));
            rows.AddRange(permissions.NotCompared.Select(s => new PlanRow(PlanMark.NotCompared, $"not compared: {s}")));
        }

        rows.AddRange(policies.AwsManagedAdded.Select(arn => new PlanRow(PlanMark.Added, $"{arn} (AWS managed, attached)")));
        rows.AddRange(policies.AwsManagedRemoved.Select(arn => new PlanRow(PlanMark.Removed, $"{arn} (AWS managed, detached)")));
        if (plan.StackSets is { Count: 0 })
        {
            rows.Add(new(PlanMark.Head, "StackSets", Remark: "none (no account to deploy to)"));
        }

        foreach (var stackSet in plan.StackSets ?? [])
        {
            rows.Add(new(PlanMark.Head, $"StackSet {stackSet.Name}", $"{stackSet.DeployedCount} account(s)", $"{stackSet.PlannedCount} account(s)"));
            rows.AddRange(stackSet.Added.Select(id => new PlanRow(PlanMark.Added, $"{id} ({stackSet.Name}): stack instance and role created")));
            rows.AddRange(stackSet.Removed.Select(id => new PlanRow(PlanMark.Removed, $"{id} ({stackSet.Name}): stack instance and role deleted")));
        }

        if (plan.ManagementAccount is { } management)
        {
            var (deployed, planned) = (management.DeployedRoleArn, management.PlannedRoleArn);
            var memberUpdated = role.Action == RoleAction.Update || policies.HasChanges || !permissions.IsIdentical;
            var (mark, wording) = deployed is null && planned is null ? (PlanMark.Head, "none (not held by this stack)")
                : deployed is null ? (PlanMark.Head, "created")
                : planned is null ? (PlanMark.Alert, "deleted")
                : management.HasChanges ? (PlanMark.Alert, "REPLACED")
                : (PlanMark.Head, memberUpdated ? "updated as the member role" : "unchanged");
            rows.Add(new(mark, management.AwsAccountId is { } account ? $"Management account {account}'s role" : "Management account's role", deployed, planned, wording));
        }

        return rows;
    }

    private static string? Names(IReadOnlyList<string> names) => names.Count == 0 ? null : string.Join(", ", names);
}
