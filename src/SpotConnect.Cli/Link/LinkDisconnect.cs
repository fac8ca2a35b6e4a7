using System.CommandLine;
using SpotConnect.IO;
using SpotConnect.Link;
using SpotConnect.Settings;
using SpotConnect.Spot;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Link;

/// <summary>
/// <c>link disconnect [--state F] [--project DIR] [--keep-role] [--delete-spot-account] [--yes]</c>: destroys the
/// link's stack with the pinned CDK CLI (not with <c>--keep-role</c>) and, with <c>--delete-spot-account</c>,
/// deletes the Spot account, only if SpotConnect created it. Without <c>--yes</c> it prints what it would do and
/// changes nothing (no AWS, CDK or Spot call, no write). The stack goes first: the Spot account, the irreversible
/// part, is deleted only once the stack is gone (or kept). The delete is saved as started before it is sent; a
/// re-run with that mark looks in Spot's account list and sends it again only if the account is still there.
/// </summary>
internal static class LinkDisconnect
{
    private const string DefaultState = "spot-link.json";

    public static Command Create(CliContext context, CliServices services)
    {
        var command = new Command("disconnect", "Destroy the link's stack (its role and policies) with the pinned CDK CLI, unless --keep-role; with --delete-spot-account, delete the Spot account too, only if SpotConnect created it (never an adopted, connected or given one). Without --yes, prints what it would do and changes nothing.");
        var state = new Option<string>(LinkWorkflow.StateOption) { Description = "The state file.", DefaultValueFactory = _ => DefaultState, HelpName = "FILE" };
        var project = Project.SpotProject.CreateOption();
        var keepRole = new Option<bool>("--keep-role") { Description = "Leave the stack (the role and its policies) in place." };
        var deleteSpot = new Option<bool>("--delete-spot-account") { Description = "Also delete the Spot account (DELETE /setup/account/{id}: irreversible), only if SpotConnect created it." };
        var yes = new Option<bool>("--yes") { Description = "Do it. Without --yes, only print what would happen." };
        var tokenFile = new Option<string?>("--token-file") { Description = "Read the Spot API token from this file instead of SPOTINST_TOKEN (needed only to delete the Spot account).", HelpName = "FILE" };
        foreach (var option in new Option[] { state, project, keepRole, deleteSpot, yes, tokenFile })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellation) =>
        {
            // The state of the project whose stack it destroys: --state as given, else the project's.
            var statePath = Project.SpotProject.StatePath(parse.GetResult(state) is { Implicit: false } ? parse.GetValue(state) : null, DefaultState,
                Path.GetFullPath(parse.GetValue(project)!, context.WorkingDirectory), org: false, context.WorkingDirectory);
            var doIt = parse.GetValue(yes);
            using var held = doIt ? StateFileLock.Acquire(statePath) : null;
            var link = LinkStateStore.Load(statePath, LinkWorkflow.StateOption)
                ?? throw new SpotConnectValidationException(new ValidationProblem(LinkWorkflow.StateOption, statePath, "no such state file: nothing to disconnect (pass the --state file `link prepare` wrote)."));
            var plan = Plan.For(link, parse.GetValue(keepRole), parse.GetValue(deleteSpot));
            if (!doIt)
            {
                foreach (var line in plan.Lines(done: false))
                {
                    context.StdOut.WriteLine("Would " + line);
                }

                context.StdOut.WriteLine("Nothing was changed: run again with --yes to do it.");
                return ExitCodes.Success;
            }

            // The project the stack is destroyed from is checked before anything else is reached.
            var projectDirectory = Path.GetFullPath(parse.GetValue(project)!, context.WorkingDirectory);
            if (plan.DestroyStack is not null)
            {
                projectDirectory = Project.SpotProject.Open(projectDirectory).Directory;
            }

            var report = new Action<string>(line => context.StdErr.WriteLine($"  · {line}"));
            var work = new Work(context, services, statePath, projectDirectory, report);

            // Every input is checked before anything changes: the token when a delete will be sent.
            var spot = plan.DeleteSpotAccount ? work.SpotClient(parse.GetValue(tokenFile)) : null;
            if (plan.DestroyStack is { } stackName)
            {
                link = await work.DestroyAsync(link, stackName, cancellation);
            }

            if (spot is not null && !await work.DeleteSpotAccountAsync(spot, link, cancellation))
            {
                return ExitCodes.Refused;
            }

            foreach (var line in plan.Lines(done: true))
            {
                context.StdOut.WriteLine(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What disconnect does for this state.</summary>
    private sealed record Plan(LinkState Link, string? DestroyStack, string StackLine, bool DeleteSpotAccount, string SpotLine)
    {
        public static Plan For(LinkState link, bool keepRole, bool deleteSpotAccount)
        {
            var stack = link.StackName ?? (link.RoleArn is not null || link.DeployedAt is not null ? SpotSettings.DefaultStackName : null);
            var (destroy, stackLine) = (stack, keepRole, link.StackDestroyedAt) switch
            {
                (null, _, _) => ((string?)null, "leave AWS alone: the state records no stack (`link deploy` never ran)"),
                (_, true, _) => (null, $"keep the stack {stack} and its role{(link.RoleArn is null ? string.Empty : " " + link.RoleArn)} (--keep-role)"),
                (_, _, { } at) => (null, $"leave AWS alone: the stack {stack} was destroyed {at:u}"),
                _ => (stack, $"destroy the stack {stack} (role{(link.RoleArn is null ? string.Empty : " " + link.RoleArn)} and its policies) in AWS account {link.AwsAccountId} with the pinned CDK CLI (cdk destroy --force {stack})"),
            };

            var spot = link.SpotAccountId;
            var pending = link.SpotAccountDeleteStartedAt is not null && link.SpotAccountDeletedAt is null;
            var (delete, spotLine) = link switch
            {
                { SpotAccountDeletedAt: { } at } => (false, $"leave Spot alone: the Spot account {spot} was deleted {at:u}"),
                _ when !deleteSpotAccount && pending => (false, $"keep the Spot account {spot}: a delete started {link.SpotAccountDeleteStartedAt:u} had an unknown outcome; pass --delete-spot-account to finish it"),
                _ when !deleteSpotAccount => (false, $"keep the Spot account {spot} (pass --delete-spot-account to delete it{(link.SpotAccountCreated ? string.Empty : "; it would be kept anyway: " + SpotAccountSources.KeptBecause(link.SpotAccountSource))})"),
                { SpotAccountCreated: false } => (false, $"keep the Spot account {spot}: {SpotAccountSources.KeptBecause(link.SpotAccountSource)}; SpotConnect deletes only accounts it created"),
                _ when pending => (true, $"delete the Spot account {spot} (created by SpotConnect; finishing a delete started {link.SpotAccountDeleteStartedAt:u}): irreversible"),
                _ => (true, $"delete the Spot account {spot} (created by SpotConnect) with everything in it in Spot: irreversible"),
            };
            return new Plan(link, destroy, stackLine, delete, spotLine);
        }

        public IEnumerable<string> Lines(bool done)
        {
            if (!done)
            {
                yield return StackLine;
                yield return SpotLine;
                yield break;
            }

            yield return DestroyStack is { } stack ? $"Destroyed the stack {stack}." : $"Stack: {StackLine}.";
            yield return DeleteSpotAccount ? $"Deleted the Spot account {Link.SpotAccountId}." : $"Spot: {SpotLine}.";
        }
    }

    private sealed class Work(CliContext context, CliServices services, string statePath, string projectDirectory, Action<string> report)
    {
        public SpotApiClient SpotClient(string? tokenFile) =>
            new(services.HttpClient(), SpotToken.Resolve(tokenFile, services.Environment, context.WorkingDirectory), SpotApiClient.BaseUrlFrom(services.Environment), services.Timing, services.Clock, report);

        public async Task<LinkState> DestroyAsync(LinkState link, string stackName, CancellationToken cancellation)
        {
            // The credentials cdk will use must be for the account of the state: a stack of this name elsewhere is not ours.
            var caller = await services.AwsIdentity(services.Environment).GetCallerIdentityAsync(cancellation);
            if (caller.Account != link.AwsAccountId)
            {
                throw new SpotConnectValidationException(new ValidationProblem(LinkWorkflow.StateOption, statePath,
                    $"this state belongs to AWS account {link.AwsAccountId}, but the AWS credentials are for {caller.Account}. Nothing was destroyed."));
            }

            var contextValues = new List<KeyValuePair<string, string>>
            {
                new(SpotSettings.Partition.ContextKey, link.Partition),
                new(SpotSettings.StackName.ContextKey, stackName),
            };
            if (link.ExternalId is { } externalId)
            {
                contextValues.Insert(0, new(SpotSettings.ExternalId.ContextKey, externalId));
            }

            // The app must synthesize the stack to destroy it: outside 'aws' that needs the Spot account the role trusts,
            // as deployed (recorded), else as this environment gives it (the CDK CLI's process does not see SPOT_* variables).
            var principal = link.Deployed?.Settings.GetValueOrDefault(SpotSettings.PrincipalAccountId.ContextKey)
                            ?? (services.Environment(SpotSettings.PrincipalAccountId.EnvironmentVariable!) is { Length: > 0 } given ? given : null);
            if (principal is not null)
            {
                contextValues.Add(new(SpotSettings.PrincipalAccountId.ContextKey, principal));
            }

            report($"destroying {stackName} in AWS account {link.AwsAccountId} with the pinned CDK CLI…");
            await services.Deployer.DestroyAsync(new DeployRequest(stackName, projectDirectory, contextValues), report, cancellation);
            link = link with { StackDestroyedAt = services.Clock.GetUtcNow() };
            LinkStateStore.Save(statePath, link);
            report($"destroyed: {stackName}");
            return link;
        }

        /// <returns>Whether the account is gone; false: the delete failed or its outcome is unknown (reported; the mark stays).</returns>
        public async Task<bool> DeleteSpotAccountAsync(SpotApiClient spot, LinkState link, CancellationToken cancellation)
        {
            var id = link.PreparedSpotAccountId(statePath);
            if (link.SpotAccountDeleteStartedAt is not null
                && (await spot.ListAccountsAsync(cancellation)).All(a => !string.Equals(a.Id, id, StringComparison.Ordinal)))
            {
                report($"Spot: {id} is no longer in Spot's account list: the earlier delete went through");
                Save(link with { SpotAccountDeletedAt = services.Clock.GetUtcNow() });
                return true;
            }

            // On disk before the delete leaves: a run killed from here on finds the mark and checks before sending again.
            link = link with { SpotAccountDeleteStartedAt = link.SpotAccountDeleteStartedAt ?? services.Clock.GetUtcNow() };
            Save(link);
            try
            {
                var deleted = await spot.DeleteAccountAsync(id, cancellation);
                report(deleted ? $"Spot: deleted {id}" : $"Spot: {id} does not exist (Account_DOESNT_EXIST): already gone");
                Save(link with { SpotAccountDeletedAt = services.Clock.GetUtcNow() });
                return true;
            }
            catch (Exception e) when (e is SpotApiException { Status: not (401 or 403) } or HttpRequestException
                                      || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
            {
                context.StdErr.WriteLine($"spot-connect: deleting the Spot account {id} {(e is SpotApiException { Status: < 500 and not 408 } ? "was refused" : "had an unknown outcome")}: {(e is OperationCanceledException ? "no answer in time" : e.Message)}");
                context.StdErr.WriteLine("The delete stays marked in the state: run the same command again; it sends the delete again only if Spot still lists the account.");
                return false;
            }
        }

        private void Save(LinkState link) => LinkStateStore.Save(statePath, link);
    }
}
