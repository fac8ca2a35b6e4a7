using System.CommandLine;
using SpotConnect.Cli.Org;
using SpotConnect.Cli.Progress;
using SpotConnect.Org;

namespace SpotConnect.Cli.Commands;

/// <summary>
/// <c>spot-connect org prepare|deploy|register|status|sync</c>: connect every account of an AWS Organization to
/// Spot through CloudFormation StackSets, driven from one place that holds the Spot token.
/// </summary>
internal static class OrgCommand
{
    public static Command Create(CliContext context, CliServices services)
    {
        var org = new Command("org", "Connect every account of an AWS Organization to Spot: prepare (Spot accounts, external ids), deploy (SpotOrgStack's StackSets), register (role ARNs with Spot); sync runs all three. State in spot-org.json. The Spot token comes from SPOTINST_TOKEN or --token-file, never from arguments.");

        var prepare = Command(context, "prepare", "For every ACTIVE account of the accounts file (minus --exclude): find its Spot account or create one, and get an external id when it has none. Writes the state as it goes; a re-run continues and never creates a second Spot account.", OrgSteps.Prepare, services,
            async (options, parse, workflow, cancellation) =>
            {
                var request = options.Prepare(parse);
                var result = await workflow.PrepareAsync(request, cancellation);
                OrgTables.Prepare(context, result, OrgStatus.Of(result.State, request.StatePath).NextText());
                Unrecorded(context, result);
                return Failed(context, result.Outcomes.Count(o => o.Action == OrgPrepareAction.Failed), "prepare");
            });

        var deploy = Command(context, "deploy", "Assign prepared accounts to StackSets (an account never moves), save the state, then deploy SpotOrgStack through the pinned CDK CLI. Takes every setting of the stack as an option.", OrgSteps.Deploy, services,
            async (options, parse, workflow, cancellation) =>
            {
                var request = options.Deploy(parse);
                var deployed = await workflow.DeployAsync(request, cancellation);
                context.StdOut.WriteLine($"Deployed: {Instances(deployed)}; state in {request.StatePath}. {OrgStatus.Of(deployed.State, request.StatePath).NextText()}");
                return ExitCodes.Success;
            });

        var register = Command(context, "register", "Register every deployed account's role ARN with its Spot account, retrying while IAM propagates the role; a per-account table. Accounts already registered are skipped, so a re-run registers only the rest.", OrgSteps.Register, services,
            async (options, parse, workflow, cancellation) =>
            {
                var request = options.Register(parse);
                var (state, outcomes) = await workflow.RegisterAsync(request, cancellation);
                OrgTables.Register(context, state, outcomes, OrgStatus.Of(state, request.StatePath).NextText());
                return Failed(context, outcomes.Count(o => o.Action == OrgRegisterAction.Failed), "register");
            });

        var sync = Command(context, "sync", "prepare, deploy and register in one idempotent run, for a schedule: new accounts are picked up, done ones are left alone.", OrgSteps.Prepare | OrgSteps.Deploy | OrgSteps.Register, services,
            async (options, parse, workflow, cancellation) =>
            {
                // The options are read once (the project opened, cdk.json read): every step gets the same.
                var deploy = options.Deploy(parse);
                var link = OrgWorkflow.CheckOptions(deploy); // resolved once: the deploy step uses it

                context.StdErr.WriteLine("[1/3] prepare");
                var prepared = await workflow.PrepareAsync(options.Prepare(parse), cancellation);
                OrgTables.Prepare(context, prepared, next: null);
                Unrecorded(context, prepared);
                context.StdErr.WriteLine("[2/3] deploy");
                var deployed = await workflow.DeployAsync(deploy, cancellation, link);
                context.StdErr.WriteLine($"  · deployed: {Instances(deployed)}");
                context.StdErr.WriteLine("[3/3] register");
                var (state, outcomes) = await workflow.RegisterAsync(options.Register(parse), cancellation);
                OrgTables.Register(context, state, outcomes, $"Synced: {Instances(deployed)}. {OrgStatus.Of(state, deploy.StatePath).NextText()}");
                return Failed(context, prepared.Outcomes.Count(o => o.Action == OrgPrepareAction.Failed) + outcomes.Count(o => o.Action == OrgRegisterAction.Failed), "sync");
            });

        var status = new Command("status", "What the state records: the last deploy (stack, settings, member role, policies, StackSets, when) and per account the AWS state, Spot account (deleted?), external id, StackSet (pruned?), registration, the step due and the last error; then the steps that are due, with their commands. Reads only the state file.");
        var statusOptions = new OrgOptions(context, OrgSteps.None);
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (for scripts) instead of tables." };
        var failOnPending = new Option<bool>(Cli.Status.StatusPrinter.FailOnPendingOption) { Description = $"Exit with code {ExitCodes.Changed} when a step is due (for a scheduled check)." };
        statusOptions.AddTo(status);
        status.Options.Add(json);
        status.Options.Add(failOnPending);
        status.SetAction(parse =>
        {
            var path = statusOptions.StatePath(parse);
            var state = OrgWorkflow.Require(path);
            return Cli.Status.StatusPrinter.Print(context, OrgStatus.Of(state, Path.GetRelativePath(context.WorkingDirectory, path)), parse.GetValue(json), parse.GetValue(failOnPending));
        });

        org.Subcommands.Add(prepare);
        org.Subcommands.Add(deploy);
        org.Subcommands.Add(register);
        org.Subcommands.Add(status);
        org.Subcommands.Add(sync);
        org.Subcommands.Add(OrgPruneCommand.Create(context, services));
        org.Subcommands.Add(PlanCommands.Org(context));
        return org;
    }

    private static Command Command(
        CliContext context, string name, string description, OrgSteps steps, CliServices services,
        Func<OrgOptions, ParseResult, OrgWorkflow, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description);
        var options = new OrgOptions(context, steps);
        options.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            // Workers report concurrently, one line at a time: plain lines, or above a live progress bar on a terminal.
            using var display = ProgressDisplay.For(context, services.Environment);
            using var workflow = new OrgWorkflow(context, services, display.Report) { Progress = display.Start };

            // The workflow holds the state file's lock from its first step until here: the whole command.
            return await run(options, parse, workflow, cancellation);
        });
        return command;
    }

    /// <summary>The stack instances a deploy added and removed, counted.</summary>
    private static string Instances(OrgDeployResult deployed) =>
        $"{deployed.State.Deployed?.StackSets.Sum(s => s.Value.Count) ?? 0} account(s) in {deployed.State.Deployed?.StackSets.Count ?? 0} StackSet(s), "
        + $"{deployed.Added.Count} stack instance(s) added, {deployed.Removed.Count} removed"
        + (deployed.Removed.Count is > 0 and <= 10 ? $" ({string.Join(", ", deployed.Removed)})" : string.Empty);

    /// <summary>The accounts whose unconnected Spot account of their name was not taken, with the one option that takes exactly those.</summary>
    private static void Unrecorded(CliContext context, OrgPrepareResult result)
    {
        if (result.Unrecorded.Count > 0)
        {
            context.StdErr.WriteLine($"spot-connect: org prepare: {result.Unrecorded.Count} account(s) have an unconnected Spot account of their name that the state does not record creating (a lost or older state file? restore it from Git); none was taken. "
                                     + $"To take exactly those, run again with {Spot.SpotAccountFinder.GivenOption} {string.Join(",", result.Unrecorded.Select(u => $"{u.Key}={u.Value}"))}");
        }
    }

    private static int Failed(CliContext context, int failed, string step)
    {
        if (failed == 0)
        {
            return ExitCodes.Success;
        }

        context.StdErr.WriteLine($"spot-connect: org {step}: {failed} account(s) failed (see the table's last error); run the same command again: it continues from the state file and retries only those.");
        return ExitCodes.Refused;
    }
}
