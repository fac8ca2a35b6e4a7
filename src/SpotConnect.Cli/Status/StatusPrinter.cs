using System.Globalization;
using Spectre.Console;
using SpotConnect.Link;
using SpotConnect.Org;
using SpotConnect.Settings;
using SpotConnect.Status;

namespace SpotConnect.Cli.Status;

/// <summary>
/// <c>link status</c> and <c>org status</c> on stdout: the model as JSON for scripts, or tables for people, ending with
/// one line that says where things stand and, when a step is due, the command to run next.
/// </summary>
internal static class StatusPrinter
{
    /// <summary>The option of <c>link status</c> and <c>org status</c> that makes a due step fail a scheduled check (<see cref="ExitCodes.Changed"/>).</summary>
    public const string FailOnPendingOption = "--fail-on-pending";

    /// <summary>Prints <paramref name="status"/>; returns the exit code (<see cref="ExitCodes.Changed"/> with <paramref name="failOnPending"/> when a step is due).</summary>
    public static int Print(CliContext context, LinkStatus status, bool json, bool failOnPending)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(status);
        if (json)
        {
            context.StdOut.WriteLine(SpotConnect.IO.CliJson.Serialize(status));
        }
        else
        {
            var table = CliTable.Create("", "");
            Row(table, "AWS account", $"{status.AwsAccountId} ({status.Partition})");
            Row(table, "Spot account", SpotAccount(status.SpotAccountId, status.SpotAccountName, status.SpotAccountSource, status.SpotAccountDeletedAt));
            Row(table, "external id", status.ExternalId);
            Row(table, "stack", status.StackName is null ? null
                : status.StackDestroyedAt is { } destroyed ? $"{status.StackName} (destroyed {At(destroyed)} by `link disconnect`)"
                : status.DeployedAt is { } at ? $"{status.StackName} (deployed {At(at)})"
                : $"{status.StackName} (not deployed with the current external id)");
            Row(table, "role", status.RoleArn);
            Row(table, "registered with Spot", status.Registered ? At(status.RegisteredAt) : status.RegisteredAt is { } before ? $"no (last confirmed {At(before)})" : "no");
            Settings(table, status.Settings);
            Row(table, "managed policies", List(status.Policies));
            if (status.AwsManagedPolicies.Count > 0)
            {
                Row(table, "AWS managed policies", List(status.AwsManagedPolicies));
            }

            context.StdOut.WriteLine($"link status ({status.StateFile}):");
            context.Console.Write(table);
            context.StdOut.WriteLine(status.Connection switch
            {
                LinkConnection.Connected => $"Connected: Spot account {status.SpotAccountId} uses {status.RoleArn}; nothing is due.",
                LinkConnection.Disconnected => $"Disconnected: {(status.StackDestroyedAt is { } destroyedAt ? $"the stack was destroyed {At(destroyedAt)}" : $"the Spot account was deleted {At(status.SpotAccountDeletedAt)} (the role was kept)")}; nothing is due. `spot-connect link` connects the account again.",
                _ => $"Action needed: {status.Next!.Reason}. Next: `{status.Next.Command}`.",
            });
        }

        return failOnPending && status.Next is not null ? ExitCodes.Changed : ExitCodes.Success;
    }

    /// <summary>Prints <paramref name="status"/>; returns the exit code (<see cref="ExitCodes.Changed"/> with <paramref name="failOnPending"/> when a step is due).</summary>
    public static int Print(CliContext context, OrgStatus status, bool json, bool failOnPending)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(status);
        if (json)
        {
            context.StdOut.WriteLine(SpotConnect.IO.CliJson.Serialize(status));
            return failOnPending && status.Due.Count > 0 ? ExitCodes.Changed : ExitCodes.Success;
        }

        var output = context.StdOut;
        output.WriteLine($"org status ({status.StateFile}): management account {status.ManagementAccountId} ({status.Partition}), target {string.Join(", ", status.TargetOus)}, administered as {status.CallAs ?? "SELF (not recorded yet)"}.");
        var deployed = CliTable.Create("", "");
        Row(deployed, "last deploy", status.DeployedAt is { } at ? $"{status.StackName} (deployed {At(at)})" : "none recorded");
        if (status.DeployedAt is not null)
        {
            Row(deployed, "region", status.Region);
            Row(deployed, "member role", status.MemberRoleArn);
            Settings(deployed, status.Settings);
            Row(deployed, "managed policies", List(status.Policies));
            if (status.AwsManagedPolicies.Count > 0)
            {
                Row(deployed, "AWS managed policies", List(status.AwsManagedPolicies));
            }

            Row(deployed, "StackSets", status.StackSets.Count == 0 ? "none" : string.Join(", ", status.StackSets.Select(s => $"{s.Key} ({s.Value} account(s))")));
        }

        context.Console.Write(deployed);
        var accounts = CliTable.Create("AWS account", "name", "AWS state", "Spot account", "external id", "StackSet", "registered", "due", "last error");
        foreach (var a in status.Accounts)
        {
            accounts.AddCells(
                a.AwsAccountId, a.Name, a.Membership,
                a.SpotAccountId is null ? null : a.SpotAccountDeletedAt is not null ? $"{a.SpotAccountId} DELETED" : a.SpotAccountId,
                a.ExternalId,
                a.ManagementAccount ? "(management account)"
                    : a.StackSet is { } stackSet ? (a.DeployedStackSet == stackSet ? stackSet : $"{stackSet} (not deployed yet)")
                    : a.PrunedAt is not null ? $"pruned ({a.PrunedFromStackSet ?? a.DeployedStackSet ?? "?"})"
                    : null,
                a.Registered ? At(a.RegisteredAt) : a.RegisteredAt is not null ? "no longer" : "no",
                a.Next is { } next ? Short(next.Command) : null,
                a.LastError);
        }

        context.Console.Write(accounts);
        var deleted = status.Accounts.Count(a => a.SpotAccountDeletedAt is not null);
        var pruned = status.Accounts.Count(a => a.PrunedAt is not null && a.StackSet is null);
        output.WriteLine($"{status.Accounts.Count} account(s); {status.StackSets.Count} StackSet(s) deployed; {status.RegisteredAccounts} registered; "
                         + $"{pruned} pruned; {deleted} Spot account(s) deleted; {status.Accounts.Count(a => a.LastError is not null)} with an error.");
        foreach (var step in status.Due)
        {
            output.WriteLine($"Due for {step.Accounts} account(s): `{step.Command}`: {step.Reason}.");
        }

        output.WriteLine(status.Due.Count == 0
            ? $"Up to date: {status.RegisteredAccounts} account(s) registered with Spot; nothing is due."
            : $"Next: `{status.Due[0].Command}`" + (status.Due.Count > 1 ? $" ({status.Due.Count} steps are due, in the order above)." : "."));
        return failOnPending && status.Due.Count > 0 ? ExitCodes.Changed : ExitCodes.Success;
    }

    /// <summary>The recorded settings by name: the CLI option and the cdk.json key.</summary>
    private static void Settings(Table table, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings.OrderBy(s => Order(s.Key)))
        {
            var setting = SpotSettings.Find(key);
            Row(table, setting?.CliOption is { } option ? $"{option} ({key})" : key, value);
        }
    }

    private static int Order(string key) => SpotSettings.Find(key) is { } setting ? SpotSettings.All.ToList().IndexOf(setting) : int.MaxValue;

    private static string Short(string command) => command.Replace("spot-connect ", string.Empty, StringComparison.Ordinal);

    private static string? SpotAccount(string? id, string? name, string? source, DateTimeOffset? deletedAt) =>
        id is null ? null
        : $"{id}{(name is null ? string.Empty : $" ({name})")}{(source is null ? string.Empty : $", {source}")}{(deletedAt is { } at ? $", DELETED {At(at)}" : string.Empty)}";

    private static void Row(Table table, string label, string? value) => table.AddCells(label, value);

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "-" : string.Join(", ", items);

    private static string At(DateTimeOffset? at) => at?.ToString("u", CultureInfo.InvariantCulture) ?? "-";
}
