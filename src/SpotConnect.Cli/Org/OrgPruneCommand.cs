using System.CommandLine;
using SpotConnect.Cli.Progress;
using SpotConnect.IO;
using SpotConnect.Org;
using SpotConnect.Spot;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Org;

/// <summary>
/// <c>org prune --accounts FILE [--state F] [--delete-spot-accounts] [--yes] [--concurrency N]</c>: the accounts of
/// the state that left the organization or are not ACTIVE in FILE. Without <c>--yes</c> it prints what it would do
/// and changes nothing (no Spot call, no write). With it, takes them out of their StackSets in the state and, with
/// <c>--delete-spot-accounts</c>, deletes the Spot accounts SpotConnect created for them (see <see cref="OrgPruner"/>).
/// </summary>
internal static class OrgPruneCommand
{
    public static Command Create(CliContext context, CliServices services)
    {
        var command = new Command("prune", "Accounts of the state that left the organization or are not ACTIVE in the accounts file: without --yes, a table of what would happen (nothing changes); with --yes, takes them out of their StackSets in the state (the next org deploy/org sync removes their stack instances) and, with --delete-spot-accounts, deletes the Spot accounts SpotConnect created for them (never adopted or pre-existing ones), each at most once, crash-safe.");
        var state = new Option<string>(OrgWorkflow.StateOption) { Description = "The org state file.", DefaultValueFactory = _ => OrgStateStore.DefaultFileName, HelpName = "FILE" };
        var accounts = new Option<string>(OrgWorkflow.AccountsOption) { Description = "The output of `aws organizations list-accounts` (JSON): accounts of the state missing from it or not ACTIVE in it are pruned.", Required = true, HelpName = "FILE" };
        var deleteSpot = new Option<bool>("--delete-spot-accounts") { Description = "Also delete their Spot accounts (DELETE /setup/account/{id}: irreversible), only those SpotConnect created." };
        var yes = new Option<bool>("--yes") { Description = "Do it. Without --yes, only print what would happen." };
        var concurrency = new Option<int>("--concurrency") { Description = $"How many Spot accounts are deleted at once (1-{OrgInputRules.MaxConcurrency}).", DefaultValueFactory = _ => OrgOptions.DefaultConcurrency, HelpName = "N" };
        var tokenFile = new Option<string?>("--token-file") { Description = "Read the Spot API token from this file instead of SPOTINST_TOKEN (needed only to delete Spot accounts).", HelpName = "FILE" };
        foreach (var option in new Option[] { accounts, state, deleteSpot, yes, concurrency, tokenFile })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var problems = new List<ValidationProblem>();
            if (result.GetResult(concurrency) is { Implicit: false } given && !given.Errors.Any()
                && OrgInputRules.Concurrency("--concurrency", result.GetValue(concurrency)) is { } bad)
            {
                problems.Add(bad);
            }

            if (result.GetValue(accounts) is { } file)
            {
                _ = ReadAccounts(Path.GetFullPath(file, context.WorkingDirectory), file, problems);
            }

            foreach (var problem in problems)
            {
                result.AddError(problem.Message);
            }
        });

        command.SetAction(async (parse, cancellation) =>
        {
            var statePath = Path.GetFullPath(parse.GetValue(state)!, context.WorkingDirectory);
            var doIt = parse.GetValue(yes);
            using var held = doIt ? StateFileLock.Acquire(statePath) : null;
            var current = OrgWorkflow.Require(statePath);
            var problems = new List<ValidationProblem>();
            var accountsFile = parse.GetValue(accounts)!;
            var organization = ReadAccounts(Path.GetFullPath(accountsFile, context.WorkingDirectory), accountsFile, problems);
            if (OrgAccountsFile.ManagementAccountFromArns(organization) is { } management && management != current.ManagementAccountId)
            {
                problems.Add(new(OrgWorkflow.AccountsOption, accountsFile, $"lists the accounts of the organization whose management account is {management}, but the state is for {current.ManagementAccountId}."));
            }

            if (problems.Count > 0)
            {
                throw new SpotConnectValidationException(problems);
            }

            var plan = OrgPrunePlan.For(current, organization, parse.GetValue(deleteSpot));
            if (plan.StackSetRemovals == 0 && !plan.Deletes.Any())
            {
                // Accounts already pruned whose Spot account stays are no work: said once, with what is due instead.
                context.StdOut.WriteLine($"Nothing to prune: every account of {parse.GetValue(state)} is ACTIVE in {accountsFile}, or already out of its StackSet with nothing to delete. Nothing was changed. {OrgStatus.Of(current, parse.GetValue(state)!).NextText()}");
                return ExitCodes.Success;
            }

            if (!doIt)
            {
                Print(context, plan.Items, done: false);
                context.StdOut.WriteLine($"Would take {plan.StackSetRemovals} account(s) out of their StackSet and delete {plan.Deletes.Count()} Spot account(s) SpotConnect created; {Kept(plan.Items)} Spot account(s) kept. Nothing was changed: run again with --yes to do it.");
                return ExitCodes.Success;
            }

            SpotApiClient? spot = null;
            using var display = ProgressDisplay.For(context, services.Environment);
            if (plan.Deletes.Any())
            {
                var token = SpotToken.Resolve(parse.GetValue(tokenFile), services.Environment, context.WorkingDirectory);
                spot = new SpotApiClient(services.HttpClient(), token, SpotApiClient.BaseUrlFrom(services.Environment), services.Timing, services.Clock, display.Report);
            }

            using var writer = new OrgStateWriter(statePath, current);
            var items = await new OrgPruner(spot, writer, services.Clock, display.Report) { Progress = display.Start }
                .RunAsync(plan, parse.GetValue(concurrency), cancellation);
            Print(context, items, done: true);
            var failed = items.Count(i => i.Spot == OrgPruneSpotAction.Failed);
            context.StdOut.WriteLine(
                $"Pruned: {plan.StackSetRemovals} account(s) taken out of their StackSet; " +
                $"{items.Count(i => i.Spot == OrgPruneSpotAction.Deleted)} Spot account(s) deleted, {items.Count(i => i.Spot == OrgPruneSpotAction.Gone)} already gone, {failed} failed, {Kept(items)} kept; state in {parse.GetValue(state)}. " +
                OrgStatus.Of(writer.Current, parse.GetValue(state)!).NextText());
            if (failed > 0)
            {
                context.StdErr.WriteLine($"spot-connect: org prune: {failed} Spot account delete(s) failed or had an unknown outcome (see the table); they stay marked in the state: run the same command again, it sends a delete again only for accounts Spot still lists.");
                return ExitCodes.Refused;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<OrgAwsAccount> ReadAccounts(string path, string given, List<ValidationProblem> problems)
    {
        var before = problems.Count;
        var organization = OrgAccountsFile.Read(path, OrgWorkflow.AccountsOption, problems);
        if (problems.Count == before && organization.Count == 0)
        {
            problems.Add(new(OrgWorkflow.AccountsOption, given, "lists no account: every account of the state would count as gone. Give the full output of `aws organizations list-accounts`."));
        }

        return organization;
    }

    private static int Kept(IEnumerable<OrgPruneItem> items) =>
        items.Count(i => i.Spot is OrgPruneSpotAction.KeepNotCreated or OrgPruneSpotAction.KeepWithoutFlag or OrgPruneSpotAction.PendingDelete);

    /// <summary>The per-account table: what would happen (<paramref name="done"/> false) or what happened.</summary>
    private static void Print(CliContext context, IReadOnlyList<OrgPruneItem> items, bool done)
    {
        if (items.Count == 0)
        {
            return;
        }

        var table = CliTable.Create("AWS account", "name", "why", "StackSet", "Spot account", "Spot account action", "note");

        foreach (var item in items)
        {
            var stackSet = item.StackSet is null ? "not in a StackSet" : (done ? "taken out of " : "take out of ") + item.StackSet;
            table.AddCells(item.AwsAccountId, item.Name, item.Why, stackSet, item.SpotAccountId, SpotText(item.Spot, done), item.Note);
        }

        context.Console.Write(table);
    }

    private static string SpotText(OrgPruneSpotAction action, bool done) => action switch
    {
        OrgPruneSpotAction.Delete => done ? "deleted" : "delete",
        OrgPruneSpotAction.ResumeDelete => done ? "deleted" : "delete (finish)",
        OrgPruneSpotAction.PendingDelete => "delete pending",
        OrgPruneSpotAction.KeepNotCreated or OrgPruneSpotAction.KeepWithoutFlag => "keep",
        OrgPruneSpotAction.AlreadyDeleted => "already deleted",
        OrgPruneSpotAction.Deleted => "deleted",
        OrgPruneSpotAction.Gone => "gone",
        OrgPruneSpotAction.Failed => "FAILED",
        _ => "-",
    };
}
