using SpotConnect.Org;

namespace SpotConnect.Cli.Org;

/// <summary>The org commands' results on stdout: per-account tables for people, JSON for scripts.</summary>
internal static class OrgTables
{
    /// <summary>The prepare table and its summary line, ending with <paramref name="next"/> (what is due), if given.</summary>
    public static void Prepare(CliContext context, OrgPrepareResult result, string? next)
    {
        var outcomes = result.Outcomes.ToDictionary(o => o.AwsAccountId, StringComparer.Ordinal);
        var table = CliTable.Create("AWS account", "name", "AWS state", "Spot account", "external id", "result", "last error");
        foreach (var account in result.State.Accounts)
        {
            var outcome = outcomes[account.AwsAccountId];
            table.AddCells(
                account.AwsAccountId, account.Name, OrgStatus.MembershipOf(account), account.SpotAccountId, account.ExternalId,
                PrepareText(outcome, account), outcome.Action == OrgPrepareAction.Known ? null : account.LastError);
        }

        context.Console.Write(table);
        var counts = result.Outcomes.GroupBy(o => o.Action).OrderBy(g => g.Key).Select(g => $"{g.Count()} {PrepareText(g.Key)}");
        context.StdOut.WriteLine($"Prepared {result.State.Accounts.Count} account(s): {string.Join(", ", counts)}; {result.Outcomes.Count(o => o.NewExternalId)} new external id(s)." + (next is null ? string.Empty : $" {next}"));
    }

    /// <summary>The register table and its summary line, ending with <paramref name="next"/> (what is due).</summary>
    public static void Register(CliContext context, OrgState state, IReadOnlyList<OrgRegisterOutcome> outcomes, string next)
    {
        var byId = outcomes.ToDictionary(o => o.AwsAccountId, StringComparer.Ordinal);
        var table = CliTable.Create("AWS account", "name", "Spot account", "role", "result", "last error");
        foreach (var account in state.Accounts)
        {
            var outcome = byId[account.AwsAccountId];
            table.AddCells(
                account.AwsAccountId, account.Name, account.SpotAccountId, outcome.RoleArn, RegisterText(outcome.Action),
                outcome.Action == OrgRegisterAction.Failed ? account.LastError : null);
        }

        context.Console.Write(table);
        var counts = outcomes.GroupBy(o => o.Action).OrderBy(g => g.Key).Select(g => $"{g.Count()} {RegisterText(g.Key)}");
        context.StdOut.WriteLine($"Registered: {string.Join(", ", counts)}. {next}");
    }

    /// <summary>An account's result; one that is skipped says what became of its Spot account (kept, deleted, or none ever made).</summary>
    private static string PrepareText(OrgPrepareOutcome outcome, OrgAccount account) => outcome.Action switch
    {
        OrgPrepareAction.NotActive or OrgPrepareAction.NotInOrganization =>
            (outcome.Action == OrgPrepareAction.NotActive ? $"not ACTIVE ({account.AwsState})" : OrgStatus.MembershipOf(account)) + ": " + (account.SpotAccountDeletedAt is not null ? "Spot account deleted"
                : account.SpotAccountId is not null ? "Spot account kept"
                : "skipped (no Spot account)"),
        _ => PrepareText(outcome.Action) + (outcome.NewExternalId ? " + external id" : string.Empty),
    };

    private static string PrepareText(OrgPrepareAction action) => action switch
    {
        OrgPrepareAction.Known => "known",
        OrgPrepareAction.Matched => "matched",
        OrgPrepareAction.Adopted => "adopted (interrupted create)",
        OrgPrepareAction.Given => "given (--spot-account)",
        OrgPrepareAction.Created => "created",
        OrgPrepareAction.Failed => "FAILED",
        OrgPrepareAction.NotActive => "not ACTIVE",
        OrgPrepareAction.NotInOrganization => "left or excluded",
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
