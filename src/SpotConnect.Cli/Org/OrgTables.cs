using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using SpotConnect.Org;

namespace SpotConnect.Cli.Org;

/// <summary>The org commands' results on stdout: per-account tables for people, JSON for scripts.</summary>
internal static class OrgTables
{
    public static void Prepare(CliContext context, OrgPrepareResult result)
    {
        var outcomes = result.Outcomes.ToDictionary(o => o.AwsAccountId, StringComparer.Ordinal);
        var table = Table("AWS account", "name", "AWS state", "Spot account", "external id", "result", "last error");
        foreach (var account in result.State.Accounts)
        {
            var outcome = outcomes[account.AwsAccountId];
            table.AddRow(Cells(
                account.AwsAccountId, account.Name, Membership(account), account.SpotAccountId, account.ExternalId,
                PrepareText(outcome), outcome.Action == OrgPrepareAction.Known ? null : account.LastError));
        }

        context.Console.Write(table);
        var counts = result.Outcomes.GroupBy(o => o.Action).OrderBy(g => g.Key).Select(g => $"{g.Count()} {PrepareText(g.Key)}");
        context.StdOut.WriteLine($"Prepared {result.State.Accounts.Count} account(s): {string.Join(", ", counts)}; {result.Outcomes.Count(o => o.NewExternalId)} new external id(s).");
    }

    public static void Register(CliContext context, OrgState state, IReadOnlyList<OrgRegisterOutcome> outcomes)
    {
        var byId = outcomes.ToDictionary(o => o.AwsAccountId, StringComparer.Ordinal);
        var table = Table("AWS account", "name", "Spot account", "role", "result", "last error");
        foreach (var account in state.Accounts)
        {
            var outcome = byId[account.AwsAccountId];
            table.AddRow(Cells(
                account.AwsAccountId, account.Name, account.SpotAccountId, outcome.RoleArn, RegisterText(outcome.Action),
                outcome.Action == OrgRegisterAction.Failed ? account.LastError : null));
        }

        context.Console.Write(table);
        var counts = outcomes.GroupBy(o => o.Action).OrderBy(g => g.Key).Select(g => $"{g.Count()} {RegisterText(g.Key)}");
        context.StdOut.WriteLine($"Registered: {string.Join(", ", counts)}.");
    }

    public static void Status(CliContext context, OrgState state, bool json)
    {
        if (json)
        {
            context.StdOut.WriteLine(new JsonArray(state.Accounts.Select(a => (JsonNode)new JsonObject
            {
                ["awsAccountId"] = a.AwsAccountId,
                ["name"] = a.Name,
                ["awsState"] = a.AwsState,
                ["inOrganization"] = a.InOrganization,
                ["managementAccount"] = a.AwsAccountId == state.ManagementAccountId,
                ["spotAccountId"] = a.SpotAccountId,
                ["externalId"] = a.ExternalId,
                ["stackSet"] = a.StackSet,
                ["registered"] = a.RegisteredAt is not null,
                ["roleArn"] = a.RoleArn,
                ["lastError"] = a.LastError,
                ["prunedAt"] = a.PrunedAt?.ToString("O", CultureInfo.InvariantCulture),
                ["spotAccountDeletedAt"] = a.SpotAccountDeletedAt?.ToString("O", CultureInfo.InvariantCulture),
            }).ToArray()).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        var table = Table("AWS account", "name", "AWS state", "Spot account", "external id", "StackSet", "registered", "last error");
        foreach (var a in state.Accounts)
        {
            table.AddRow(Cells(
                a.AwsAccountId, a.Name, Membership(a), a.SpotAccountId, a.ExternalId,
                a.AwsAccountId == state.ManagementAccountId ? "(management account)" : a.StackSet,
                a.RegisteredAt is { } at ? at.ToString("u", CultureInfo.InvariantCulture) : "no", a.LastError));
        }

        context.Console.Write(table);
        context.StdOut.WriteLine($"{state.Accounts.Count} account(s), management account {state.ManagementAccountId} ({state.Partition}), target {string.Join(", ", state.TargetOus)}; " +
                                 $"{state.StackSets.Count} StackSet(s); {state.Accounts.Count(a => a.RegisteredAt is not null)} registered; {state.Accounts.Count(a => a.LastError is not null)} with an error.");
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

    private static string[] Cells(params string?[] values) => values.Select(v => Markup.Escape(v ?? "-")).ToArray();

    private static string Membership(OrgAccount account) =>
        account.InOrganization ? account.AwsState ?? "?" : $"left or excluded ({account.AwsState ?? "?"})";

    private static string PrepareText(OrgPrepareOutcome outcome) =>
        PrepareText(outcome.Action) + (outcome.NewExternalId ? " + external id" : string.Empty);

    private static string PrepareText(OrgPrepareAction action) => action switch
    {
        OrgPrepareAction.Known => "known",
        OrgPrepareAction.Matched => "matched",
        OrgPrepareAction.Adopted => "adopted (interrupted create)",
        OrgPrepareAction.AdoptedByName => "adopted (unconnected, same name)",
        OrgPrepareAction.Created => "created",
        OrgPrepareAction.Failed => "FAILED",
        OrgPrepareAction.NotActive => "not active: kept",
        OrgPrepareAction.NotInOrganization => "not in organization: kept",
        _ => "needs `spot-connect link`",
    };

    private static string RegisterText(OrgRegisterAction action) => action switch
    {
        OrgRegisterAction.Registered => "registered",
        OrgRegisterAction.AlreadyRegistered => "already registered",
        OrgRegisterAction.Failed => "FAILED",
        _ => "not ready",
    };
}
