using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Spectre.Console;
using SpotConnect.Cli.Options;
using SpotConnect.Plan;
using SpotConnect.Policies;

namespace SpotConnect.Cli.Plan;

/// <summary>A <see cref="DeployPlan"/> for people (tables), for a pull request's job summary (Markdown) and for scripts (JSON).</summary>
internal sealed class PlanPrinter(DeployPlan plan, string target, string deployCommand, IReadOnlyList<string> notes)
{
    private const string None = "(none)";

    private string Title => $"{plan.Kind} plan: {plan.StackName} in {target}";

    private string Against => plan.FirstDeploy
        ? "first deploy: the state records no deploy (never deployed, or deployed before deploys were recorded), so everything is created"
        : $"against the deploy recorded {At(plan.DeployedAt)}";

    /// <summary>One line saying what changes, or that nothing does.</summary>
    public string Summary()
    {
        if (!plan.HasChanges)
        {
            return $"No change: `{deployCommand}` with these options changes nothing against the deploy recorded {At(plan.DeployedAt)}.";
        }

        var parts = new List<string>();
        if (plan.FirstDeploy)
        {
            parts.Add("first deploy");
        }

        if (plan.Settings.Count > 0)
        {
            parts.Add($"{plan.Settings.Count} setting(s)");
        }

        parts.Add(plan.Role.Action switch
        {
            RoleAction.Replace => "role REPLACED",
            RoleAction.Update => "role updated in place",
            RoleAction.Create => "role created",
            _ => "role unchanged",
        });
        var permissions = plan.Policies.Permissions;
        parts.Add(plan.FirstDeploy ? $"{permissions.Added.Count} permission(s) granted" : $"permissions +{permissions.Added.Count} -{permissions.Removed.Count}");
        if (plan.Policies.AwsManagedAdded.Count + plan.Policies.AwsManagedRemoved.Count > 0)
        {
            parts.Add($"AWS managed policies +{plan.Policies.AwsManagedAdded.Count} -{plan.Policies.AwsManagedRemoved.Count}");
        }

        if (plan.Kind == "org")
        {
            parts.Add($"accounts +{plan.StackSets.Sum(s => s.Added.Count)} -{plan.StackSets.Sum(s => s.Removed.Count)}");
            if (plan.Management?.HasChanges == true)
            {
                parts.Add("management account's role changes");
            }
        }

        return $"Changes: {string.Join(", ", parts)}.";
    }

    public void Human(CliContext context)
    {
        var output = context.StdOut;
        output.WriteLine($"{Title}, {Against}.");
        if (!plan.HasChanges)
        {
            // The notes (an option over cdk.json, one accepted and ignored) hold with no change too.
            foreach (var note in notes)
            {
                output.WriteLine($"Note: {note}");
            }

            output.WriteLine(Summary());
            return;
        }

        if (plan.Settings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Settings ({plan.Settings.Count} changed):");
            var table = Table("setting", "deployed", "planned");
            foreach (var change in plan.Settings)
            {
                table.AddRow(Cells(CliNames.Of(change.Setting), change.Deployed ?? None, change.Planned ?? None));
            }

            context.Console.Write(table);
        }

        output.WriteLine();
        output.WriteLine(RoleLine());
        foreach (var change in plan.Role.Changes)
        {
            output.WriteLine($"  ~ {change.Property}: {change.Deployed ?? None} -> {change.Planned ?? None}{(change.Replaces ? "  (replaces the role)" : string.Empty)}");
        }

        if (plan.Role.Action == RoleAction.Replace)
        {
            output.WriteLine($"  ! {ReplaceWarning()}");
        }

        output.WriteLine();
        PrintPolicies(output);
        if (plan.Kind == "org")
        {
            PrintStackSets(context);
        }

        foreach (var note in notes)
        {
            output.WriteLine();
            output.WriteLine($"Note: {note}");
        }

        output.WriteLine();
        output.WriteLine(Summary());
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### spot-connect {plan.Kind} plan: `{plan.StackName}`");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{(plan.HasChanges ? "**Changes**" : "**No change**")} in {Escape(target)}, {(plan.FirstDeploy ? "**first deploy** (the state records no deploy)" : $"against the deploy recorded {At(plan.DeployedAt)}")}.");
        md.AppendLine();
        if (!plan.HasChanges)
        {
            foreach (var note in notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"> {Escape(note)}");
                md.AppendLine();
            }

            md.AppendLine(Summary());
            return md.ToString();
        }

        md.AppendLine("| | deployed | planned |");
        md.AppendLine("|---|---|---|");
        foreach (var change in plan.Settings)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| `{CliNames.Of(change.Setting)}` | {Code(change.Deployed)} | {Code(change.Planned)} |");
        }

        var roleNote = plan.Role.Action switch
        {
            RoleAction.Replace => " **REPLACED** (new ARN)",
            RoleAction.Update => " updated in place",
            RoleAction.Create => " created",
            _ => " unchanged",
        };
        md.AppendLine(CultureInfo.InvariantCulture, $"| role{roleNote} | {Code(plan.RoleArn.Deployed)} | {Code(plan.RoleArn.Planned)} |");
        foreach (var change in plan.Role.Changes.Where(c => !c.Replaces))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| role {change.Property} | {Code(change.Deployed)} | {Code(change.Planned)} |");
        }

        var policies = plan.Policies;
        if (!policies.DeployedNames.SequenceEqual(policies.PlannedNames, StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| managed policies | {Code(Names(policies.DeployedNames))} | {Code(Names(policies.PlannedNames))} |");
        }

        var permissions = policies.Permissions;
        md.AppendLine(CultureInfo.InvariantCulture, $"| permissions | | {(plan.FirstDeploy ? $"{permissions.Added.Count} granted" : $"+{permissions.Added.Count} −{permissions.Removed.Count}")} |");
        if (policies.AwsManagedAdded.Count + policies.AwsManagedRemoved.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| AWS managed policies | {Code(Names(policies.AwsManagedRemoved))} removed | {Code(Names(policies.AwsManagedAdded))} attached |");
        }
        if (plan.Management is { } management && (management.Deployed is not null || management.Planned is not null))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| management account's role{(management.HasChanges ? string.Empty : " (unchanged)")} | {Code(management.Deployed?.RoleArn)} | {Code(management.Planned?.RoleArn)} |");
        }

        md.AppendLine();
        if (plan.Role.Action == RoleAction.Replace)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"> [!WARNING]\n> {ReplaceWarning()}");
            md.AppendLine();
        }

        if (plan.StackSets.Count > 0)
        {
            md.AppendLine("| StackSet | accounts | added | removed |");
            md.AppendLine("|---|---|---|---|");
            foreach (var stackSet in plan.StackSets)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| `{stackSet.Name}` | {stackSet.Deployed.Count} → {stackSet.Planned.Count} | {Ids(stackSet.Added, '+')} | {Ids(stackSet.Removed, '−')} |");
            }

            md.AppendLine();
        }

        if (!plan.FirstDeploy && (permissions.Added.Count > 0 || permissions.Removed.Count > 0 || permissions.NotCompared.Count > 0))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"<details><summary>Permissions: {permissions.Added.Count} added, {permissions.Removed.Count} removed</summary>");
            md.AppendLine();
            md.AppendLine("```diff");
            foreach (var line in PermissionLines())
            {
                md.AppendLine(line);
            }

            md.AppendLine("```");
            md.AppendLine("</details>");
            md.AppendLine();
        }

        foreach (var note in notes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"> {Escape(note)}");
            md.AppendLine();
        }

        md.AppendLine(Summary());
        return md.ToString();
    }

    public string Json()
    {
        static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
        static JsonObject? Role(DeployedRole? role) => role is null ? null : new JsonObject
        {
            ["name"] = role.Name,
            ["path"] = role.Path,
            ["permissionsBoundary"] = role.PermissionsBoundary,
            ["tags"] = role.Tags is { Count: > 0 } tags ? new JsonObject(tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))) : null,
        };

        var json = new JsonObject
        {
            ["kind"] = plan.Kind,
            ["stackName"] = plan.StackName,
            ["changed"] = plan.HasChanges,
            ["firstDeploy"] = plan.FirstDeploy,
            ["deployedAt"] = plan.DeployedAt?.ToString("O", CultureInfo.InvariantCulture),
            ["settings"] = new JsonArray(plan.Settings.Select(s => (JsonNode)new JsonObject
            {
                ["setting"] = CliNames.Of(s.Setting),
                ["key"] = s.Setting.ContextKey,
                ["deployed"] = s.Deployed,
                ["planned"] = s.Planned,
            }).ToArray()),
            ["role"] = new JsonObject
            {
                ["action"] = plan.Role.Action.ToString().ToLowerInvariant(),
                ["replaced"] = plan.Role.Action == RoleAction.Replace,
                ["deployedArn"] = plan.RoleArn.Deployed,
                ["plannedArn"] = plan.RoleArn.Planned,
                ["deployed"] = Role(plan.Role.Deployed),
                ["planned"] = Role(plan.Role.Planned),
                ["changes"] = new JsonArray(plan.Role.Changes.Select(c => (JsonNode)new JsonObject
                {
                    ["property"] = c.Property,
                    ["deployed"] = c.Deployed,
                    ["planned"] = c.Planned,
                    ["replaces"] = c.Replaces,
                }).ToArray()),
            },
            ["policies"] = new JsonObject
            {
                ["deployed"] = Strings(plan.Policies.DeployedNames),
                ["planned"] = Strings(plan.Policies.PlannedNames),
                ["documentsChanged"] = plan.Policies.DocumentsChanged,
                ["awsManagedAdded"] = Strings(plan.Policies.AwsManagedAdded),
                ["awsManagedRemoved"] = Strings(plan.Policies.AwsManagedRemoved),
            },
            ["permissions"] = plan.Policies.Permissions.ToJson(),
        };
        if (plan.Kind == "org")
        {
            json["stackSets"] = new JsonArray(plan.StackSets.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["deployed"] = s.Deployed.Count,
                ["planned"] = s.Planned.Count,
                ["added"] = Strings(s.Added),
                ["removed"] = Strings(s.Removed),
            }).ToArray());
            json["managementAccount"] = plan.Management is { } m ? new JsonObject
            {
                ["changed"] = m.HasChanges,
                ["awsAccountId"] = m.Planned?.AwsAccountId ?? m.Deployed?.AwsAccountId,
                ["deployedRoleArn"] = m.Deployed?.RoleArn,
                ["plannedRoleArn"] = m.Planned?.RoleArn,
            } : null;
        }

        json["notes"] = Strings(notes);
        json["summary"] = Summary();
        return PolicyJson.ToIndentedString(json);
    }

    private string RoleLine() => plan.Role.Action switch
    {
        RoleAction.Replace => $"Role: REPLACED: {plan.RoleArn.Deployed} -> {plan.RoleArn.Planned}",
        RoleAction.Update => $"Role: updated in place (the ARN stays): {plan.RoleArn.Planned}",
        RoleAction.Create => $"Role: created: {plan.RoleArn.Planned}",
        _ => $"Role: no change: {plan.RoleArn.Planned}",
    };

    private string ReplaceWarning() =>
        $"A new role name or path replaces the role: CloudFormation creates a new role with a new ARN and deletes the old one, and Spot loses access until the new ARN is registered. `{deployCommand}` refuses this without {RoleReplacementGuard.Option}.";

    private void PrintPolicies(TextWriter output)
    {
        var policies = plan.Policies;
        var permissions = policies.Permissions;
        if (plan.FirstDeploy)
        {
            output.WriteLine($"Permissions: {permissions.Added.Count} grant(s) in {Names(policies.PlannedNames)} (`spot-connect policy` prints the documents).");
        }
        else
        {
            output.WriteLine($"Permissions: {permissions.Added.Count} added, {permissions.Removed.Count} removed (compared as permissions, conditions included, as `policy --compare` does).");
            foreach (var line in PermissionLines())
            {
                output.WriteLine($"  {line}");
            }
        }

        if (!policies.DeployedNames.SequenceEqual(policies.PlannedNames, StringComparer.Ordinal) && !plan.FirstDeploy)
        {
            output.WriteLine($"Managed policies: {Names(policies.DeployedNames)} -> {Names(policies.PlannedNames)}");
        }
        else if (policies.DocumentsChanged && permissions.IsIdentical && !plan.FirstDeploy)
        {
            output.WriteLine("Managed policies: the documents change (statements move or are reworded), the permissions stay the same.");
        }

        foreach (var arn in policies.AwsManagedAdded)
        {
            output.WriteLine($"  + {arn} (AWS managed, attached)");
        }

        foreach (var arn in policies.AwsManagedRemoved)
        {
            output.WriteLine($"  - {arn} (AWS managed, detached)");
        }
    }

    private IEnumerable<string> PermissionLines()
    {
        var permissions = plan.Policies.Permissions;
        foreach (var change in permissions.Added)
        {
            yield return $"+ {change.Grant}{(change.PartlyKept.Count > 0 ? $"  (widens: the deployed policies grant {change.PartlyKept.Count} it covers, e.g. {change.PartlyKept[0]})" : string.Empty)}";
        }

        foreach (var change in permissions.Removed)
        {
            yield return $"- {change.Grant}{(change.PartlyKept.Count > 0 ? $"  (narrowed: still grants {change.PartlyKept.Count} it covers, e.g. {change.PartlyKept[0]})" : string.Empty)}";
        }

        foreach (var skipped in permissions.NotCompared)
        {
            yield return $"! not compared: {skipped}";
        }
    }

    private void PrintStackSets(CliContext context)
    {
        var output = context.StdOut;
        output.WriteLine();
        if (plan.StackSets.Count > 0)
        {
            output.WriteLine("StackSets:");
            var table = Table("StackSet", "deployed", "planned", "added", "removed");
            foreach (var stackSet in plan.StackSets)
            {
                table.AddRow(Cells(stackSet.Name, Count(stackSet.Deployed.Count), Count(stackSet.Planned.Count), Count(stackSet.Added.Count), Count(stackSet.Removed.Count)));
            }

            context.Console.Write(table);
            foreach (var stackSet in plan.StackSets)
            {
                foreach (var id in stackSet.Added)
                {
                    output.WriteLine($"  + {id} ({stackSet.Name}): stack instance and role created");
                }

                foreach (var id in stackSet.Removed)
                {
                    output.WriteLine($"  - {id} ({stackSet.Name}): stack instance and role deleted");
                }
            }
        }
        else
        {
            output.WriteLine("StackSets: none (no account to deploy to).");
        }

        if (plan.Management is { } management)
        {
            var account = management.Planned?.AwsAccountId ?? management.Deployed?.AwsAccountId;
            output.WriteLine(
                management.Deployed is null && management.Planned is null ? "Management account's role: none (not held by this stack)."
                : management.Deployed is null ? $"Management account {account}'s role: created: {management.Planned!.RoleArn}"
                : management.Planned is null ? $"Management account {account}'s role: deleted: {management.Deployed.RoleArn}"
                : management.HasChanges ? $"Management account {account}'s role: REPLACED: {management.Deployed.RoleArn} -> {management.Planned.RoleArn}"
                : $"Management account {account}'s role: {(plan.Role.Action == RoleAction.Update || plan.Policies.HasChanges ? "updated as the member role" : "no change")}: {management.Planned.RoleArn}");
        }
    }

    private static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        return table;
    }

    private static string[] Cells(params string[] values) => values.Select(Markup.Escape).ToArray();

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? None : string.Join(", ", names);

    private static string At(DateTimeOffset? at) => at?.ToString("u", CultureInfo.InvariantCulture) ?? "(never)";

    private static string Code(string? value) => value is null ? "–" : $"`{value.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)}`";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Ids(IReadOnlyList<string> ids, char mark) =>
        ids.Count == 0 ? "–" : ids.Count <= 10 ? string.Join(" ", ids.Select(i => $"{mark}`{i}`")) : $"{mark}{ids.Count} ({string.Join(" ", ids.Take(10).Select(i => $"`{i}`"))} …)";
}
