using System.Text.RegularExpressions;
using SpotConnect.Cli.Options;
using SpotConnect.IO;
using SpotConnect.Link;
using SpotConnect.Policies;
using SpotConnect.Settings;
using SpotConnect.Spot;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Link;

/// <summary>Options of <c>link prepare</c>.</summary>
internal sealed record PrepareOptions(string StatePath, string? SpotAccount, string? Name, string? TokenFile, bool NewExternalId);

/// <summary>Options of <c>link deploy</c>: the run's settings (the project's cdk.json, options over it), parsed (for the one resolution here) and as text (for the CDK app's context).</summary>
internal sealed record DeployOptions(string StatePath, string ProjectDirectory, Project.RunSettings Run, bool ReplaceRole = false)
{
    public IReadOnlyDictionary<Setting, object> Values => Run.Values;

    public IReadOnlyDictionary<Setting, string> Texts => Run.Texts;

    public IReadOnlyList<ValidationProblem> Malformed => Run.Malformed;

    /// <summary>How messages name this run's settings: the state's as <c>--state</c>, cdk.json's by key, the others by option.</summary>
    public Func<Setting, string> Names => Run.Names(CliNames.WithState(LinkWorkflow.FromState));
}

/// <summary>Options of <c>link register</c>.</summary>
internal sealed record RegisterOptions(string StatePath, string? RoleArn, string? TokenFile);

/// <summary>
/// The three steps that connect an AWS account to Spot end to end: <b>prepare</b> (who am I in AWS, which Spot
/// account, which external id), <b>deploy</b> (SpotLinkStack with that external id), <b>register</b> (give Spot
/// the role ARN, patiently, then read it back). Each step starts from the state file and records what it did.
/// </summary>
internal sealed partial class LinkWorkflow(CliContext context, CliServices services, Action<string> report)
{
    public const string StateOption = "--state";

    /// <summary>
    /// The settings <c>link deploy</c> takes from the state rather than from options: the external id Spot issued
    /// and the partition STS reported. Messages name the state file for them.
    /// </summary>
    public static IReadOnlyList<Setting> FromState { get; } = [SpotSettings.ExternalId, SpotSettings.Partition];

    /// <summary>The settings <c>link deploy</c> takes as options: the link's and the stack's, without those from the state.</summary>
    public static IReadOnlyList<Setting> DeploySettings { get; } =
        SpotSettings.All.Where(s => s.CliOption is not null && !FromState.Contains(s) && (SpotSettings.Link.Contains(s) || SpotSettings.Stack.Contains(s))).ToArray();

    /// <summary>
    /// Resolves, once, the link <c>link deploy</c> deploys: the options given and the state's external id and partition,
    /// with the same rules as the CDK app; every problem at once, the state's settings named <c>--state</c>.
    /// </summary>
    /// <exception cref="SpotConnectValidationException">An option or the state is invalid.</exception>
    public static SpotLinkSpec ResolveDeploy(LinkState state, IReadOnlyDictionary<Setting, object> given, IReadOnlyList<ValidationProblem> malformed, Func<Setting, string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Resolve(given, malformed, state.Partition, state.ExternalId, state, names ?? CliNames.WithState(FromState));
    }

    /// <summary>
    /// The one resolution of a link's options (<see cref="ResolveDeploy"/>, <see cref="ResolveBeforePrepare"/>): Core's
    /// rules of the link in <paramref name="partition"/> with <paramref name="externalId"/> (none before prepare), and the
    /// stack name's, against the stack the state has standing; every problem at once, named by <paramref name="names"/>.
    /// </summary>
    private static SpotLinkSpec Resolve(
        IReadOnlyDictionary<Setting, object> given, IReadOnlyList<ValidationProblem> malformed, string partition, string? externalId, LinkState? state, Func<Setting, string> names)
    {
        ArgumentNullException.ThrowIfNull(given);
        var problems = malformed.ToList();
        var options = SpotLinkOptions.From(given) with { ExternalId = externalId, Partition = SpotPartition.All.FirstOrDefault(p => p.Name == partition) };
        if (options.Partition is null)
        {
            problems.Add(SpotSettings.Partition.Problem(partition, "not a partition SpotConnect supports.", SpotPartition.All.Select(p => p.Name).ToArray()));
        }

        if (StackRules.StackNameProblem(given.GetValueOrDefault(SpotSettings.StackName) as string, state is null ? null : state.OtherStackProblem) is { } stackProblem)
        {
            problems.Add(stackProblem);
        }

        var spec = SpotLinkSpec.TryResolve(options, problems);
        return problems.Count == 0 && spec is not null
            ? spec
            : throw new SpotConnectValidationException(problems).NamedBy(names);
    }

    /// <summary>The link resolved before prepare, with the external id prepare recorded; the state's stack and partition checked again under the lock.</summary>
    private static SpotLinkSpec Completed(SpotLinkSpec resolved, LinkState state, DeployOptions options)
    {
        var problems = new List<ValidationProblem>();
        if (resolved.Partition.Name != state.Partition)
        {
            problems.Add(SpotSettings.Partition.Problem(state.Partition, $"the link was resolved for partition '{resolved.Partition.Name}'.", [resolved.Partition.Name]));
        }

        if (options.Values.GetValueOrDefault(SpotSettings.StackName) is string stackName && state.OtherStackProblem(stackName) is { } other)
        {
            problems.Add(other);
        }

        try
        {
            return problems.Count > 0
                ? throw new SpotConnectValidationException(problems)
                : resolved.WithExternalId(state.ExternalId!);
        }
        catch (SpotConnectValidationException e)
        {
            throw e.NamedBy(options.Names);
        }
    }

    /// <summary>The stack a deploy (and its plan) works on: the one given, else the one the state's deploy left standing, else the default.</summary>
    public static string DeployStackName(LinkState state, IReadOnlyDictionary<Setting, string> texts) =>
        texts.GetValueOrDefault(SpotSettings.StackName) ?? state.StandingStackName ?? SpotSettings.DefaultStackName;

    /// <summary>
    /// What <c>link</c> (all steps) resolves, once, before its prepare step changes anything: the options with the
    /// partition STS reported (the external id comes from prepare and is added with <see cref="SpotLinkSpec.WithExternalId"/>).
    /// A malformed option, a broken rule, another stack than the one standing, or a role replacement without
    /// <c>--replace-role</c> stops the run at once, with every problem.
    /// </summary>
    /// <exception cref="SpotConnectValidationException">An option is invalid, or the deploy would replace the role unasked.</exception>
    public static SpotLinkSpec ResolveBeforePrepare(DeployOptions options, string partition)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = LinkStateStore.Load(options.StatePath, StateOption);
        var spec = Resolve(options.Values, options.Malformed, partition, externalId: null, state, options.Names);
        if (state is not null)
        {
            Cli.Plan.RoleReplacementGuard.Check(Cli.Plan.RoleReplacementGuard.Deployed(state), spec, options.ReplaceRole, $"AWS account {state.AwsAccountId}", options.Names);
        }

        return spec;
    }

    /// <summary>
    /// The state at <paramref name="statePath"/>; when there is none, that problem together with every problem of the
    /// options themselves (all at once, as if the state were there).
    /// </summary>
    /// <exception cref="SpotConnectValidationException">There is no state file.</exception>
    public static LinkState RequireState(string statePath, IReadOnlyDictionary<Setting, object> values, IReadOnlyList<ValidationProblem> malformed, Func<Setting, string>? names = null)
    {
        if (LinkStateStore.Load(statePath, StateOption) is { } state)
        {
            return state;
        }

        var problems = OptionProblems(values, malformed);
        problems.Insert(0, NoState(statePath));
        throw new SpotConnectValidationException(problems).NamedBy(names ?? CliNames.WithState(FromState));
    }

    /// <summary>The problems of a deploy's options alone (syntax, then Core's rules of the link and the stack name), for link and org commands alike.</summary>
    internal static List<ValidationProblem> OptionProblems(IReadOnlyDictionary<Setting, object> values, IReadOnlyList<ValidationProblem> malformed)
    {
        var problems = malformed.ToList();
        _ = SpotLinkSpec.TryResolve(SpotLinkOptions.From(values), problems);
        if (StackRules.StackName(values.GetValueOrDefault(SpotSettings.StackName) as string) is { } stackProblem)
        {
            problems.Add(stackProblem);
        }

        return problems;
    }

    /// <summary>Who the AWS credentials are (STS), reported once.</summary>
    public async Task<CallerIdentity> CallerAsync(CancellationToken cancellation)
    {
        var caller = await services.AwsIdentity(services.Environment).GetCallerIdentityAsync(cancellation);
        report($"AWS: account {caller.Account} in partition {caller.Partition} (as {caller.Arn})");
        return caller;
    }

    /// <summary>Finds or creates the Spot account and gets an external id; <paramref name="caller"/> when the command already asked STS.</summary>
    public async Task<LinkState> PrepareAsync(PrepareOptions options, CancellationToken cancellation, CallerIdentity? caller = null)
    {
        var existing = LinkStateStore.Load(options.StatePath, StateOption);
        var spot = SpotClient(options.TokenFile);
        caller ??= await CallerAsync(cancellation);
        if (existing is not null && existing.AwsAccountId != caller.Account)
        {
            throw new SpotConnectValidationException(new ValidationProblem(StateOption, options.StatePath,
                $"this state belongs to AWS account {existing.AwsAccountId}, but the AWS credentials are for {caller.Account}. Use credentials for {existing.AwsAccountId}, or another state file."));
        }

        if (existing is { SpotAccountDeleteStartedAt: { } deleteStarted, SpotAccountDeletedAt: null })
        {
            throw new SpotConnectValidationException(new ValidationProblem(StateOption, options.StatePath,
                $"`link disconnect` started deleting the Spot account {existing.SpotAccountId} ({deleteStarted:u}) and its outcome is unknown: finish it with `spot-connect link disconnect --delete-spot-account --yes`, or, to keep using {existing.SpotAccountId}, remove spotAccountDeleteStartedAt from the state file."));
        }

        // A Spot account `link disconnect` deleted is gone: prepare starts over as if the state had none.
        var deletedSpotAccount = existing?.SpotAccountDeletedAt is not null;
        var previous = existing;
        existing = deletedSpotAccount ? null : existing;
        var (account, created) = await ResolveSpotAccountAsync(spot, options, existing, previous, caller, cancellation);
        var state = new LinkState
        {
            AwsAccountId = caller.Account,
            Partition = caller.Partition,
            CallerArn = caller.Arn,
            SpotAccountId = account.Id,
            SpotAccountName = account.Name,
            SpotAccountCreated = created || (existing?.SpotAccountCreated == true && existing.SpotAccountId == account.Id),
            ExternalId = existing?.SpotAccountId == account.Id ? existing.ExternalId : null,
            ExternalIdValidUntil = existing?.SpotAccountId == account.Id ? existing.ExternalIdValidUntil : null,
            StackName = existing?.StackName,
            RoleArn = existing?.SpotAccountId == account.Id ? existing.RoleArn : null,
            DeployedAt = existing?.SpotAccountId == account.Id ? existing.DeployedAt : null,
            LinkedAt = existing?.SpotAccountId == account.Id ? existing.LinkedAt : null,
            RegistrationRequired = existing?.SpotAccountId == account.Id && existing.RegistrationRequired,
            SpotAccountSource = existing?.SpotAccountId == account.Id ? existing.SpotAccountSource
                : options.SpotAccount is not null ? SpotAccountSources.Given
                : created ? SpotAccountSources.Created
                : account.ConnectedAwsAccountId is not null ? SpotAccountSources.Connected
                : SpotAccountSources.Adopted,
            StackDestroyedAt = previous?.StackDestroyedAt,

            // What the standing stack was deployed with: the next plan compares with it, whichever Spot account links it.
            Deployed = previous?.Deployed,
        };
        if (deletedSpotAccount)
        {
            state = state with { StackName = previous!.StackName };
        }

        // Record the account at once: a failure from here on must never lead to a second account.
        LinkStateStore.Save(options.StatePath, state);

        // Keep the external id while it is in use (a deployed or linked role trusts it; its expiry only concerns an
        // unused id) or still valid; a new one means the role must be deployed and registered again.
        var now = services.Clock.GetUtcNow();
        var inUse = state.RoleArn is not null || state.LinkedAt is not null;
        if (!options.NewExternalId && state.ExternalId is not null && (inUse || state.ExternalIdValidUntil is null || state.ExternalIdValidUntil > now))
        {
            report($"Spot: keeping the external id from {options.StatePath}" + (inUse ? " (the role uses it)" : state.ExternalIdValidUntil is { } until ? $" (valid until {until:u})" : string.Empty));
            return state;
        }

        var grant = await spot.CreateExternalIdAsync(account.Id, cancellation);
        report($"Spot: new external id for {account.Id}" + (grant.ValidUntil is { } validUntil ? $", valid until {validUntil:u}" : string.Empty)
               + (inUse ? "; run `link deploy` and `link register` to move the role to it" : string.Empty));
        state = state with { ExternalId = grant.Value, ExternalIdValidUntil = grant.ValidUntil, DeployedAt = null, LinkedAt = null, RegistrationRequired = state.ExternalId is not null };
        LinkStateStore.Save(options.StatePath, state);
        return state;
    }

    /// <summary>
    /// Deploys the link. <paramref name="resolved"/>: the link <see cref="ResolveBeforePrepare"/> resolved for this run
    /// (<c>link</c>, all steps), completed with the state's external id; else the options are resolved here, once, under the
    /// state's lock. <paramref name="caller"/>: when the command already asked STS.
    /// </summary>
    public async Task<LinkState> DeployAsync(DeployOptions options, CancellationToken cancellation, SpotLinkSpec? resolved = null, CallerIdentity? caller = null)
    {
        using var stateLock = StateFileLock.Acquire(options.StatePath);
        var state = RequireState(options.StatePath, options.Values, options.Malformed, options.Names);
        if (state.ExternalId is null)
        {
            throw new SpotConnectValidationException(new ValidationProblem(StateOption, options.StatePath, "has no external id yet: run `spot-connect link prepare` first."));
        }

        // Resolved once per run: here, with the state as it is now (under its lock), by the same rules the CDK app applies;
        // or before prepare (all steps), then given the external id prepare recorded.
        var spec = resolved is null ? ResolveDeploy(state, options.Values, options.Malformed, options.Names) : Completed(resolved, state, options);

        // A new role name or path replaces the role (a new ARN): never silently (see RoleReplacementGuard).
        var deployedRole = Cli.Plan.RoleReplacementGuard.Deployed(state);
        Cli.Plan.RoleReplacementGuard.Check(deployedRole, spec, options.ReplaceRole, $"AWS account {state.AwsAccountId}", options.Names);
        var replacing = Cli.Plan.RoleReplacementGuard.Replaces(deployedRole, spec);

        // The credentials cdk will use must be for the account of the state: check before anything is created.
        caller ??= await services.AwsIdentity(services.Environment).GetCallerIdentityAsync(cancellation);
        if (caller.Account != state.AwsAccountId)
        {
            throw new SpotConnectValidationException(new ValidationProblem(StateOption, options.StatePath,
                $"this state belongs to AWS account {state.AwsAccountId}, but the AWS credentials are for {caller.Account}. Nothing was deployed."));
        }

        var stackName = DeployStackName(state, options.Texts);
        var context = CdkContextArguments.For(options.Texts,
            (SpotSettings.ExternalId, state.ExternalId),
            (SpotSettings.Partition, state.Partition),
            (SpotSettings.StackName, stackName));
        report($"deploying {stackName} into AWS account {state.AwsAccountId} with the pinned CDK CLI…");
        foreach (var note in options.Run.OverrideNotes())
        {
            report(note);
        }

        var outputs = await services.Deployer.DeployAsync(new DeployRequest(stackName, options.ProjectDirectory, context, spec.Fingerprint(options.Run.Retained)), report, cancellation);
        var roleArn = outputs.GetValueOrDefault("SpotRoleArn") ?? throw new InvalidOperationException($"cdk deploy wrote no SpotRoleArn output for {stackName}.");
        if (RoleArnAccount(roleArn) != state.AwsAccountId)
        {
            throw new InvalidOperationException($"the stack was deployed into the AWS account of {roleArn}, but the state is for {state.AwsAccountId}: check the AWS credentials cdk used.");
        }

        // Spot holds the ARN last registered: a role under another ARN (replaced, or a new name after a disconnect) must be registered.
        var registeredElsewhere = state.LinkedAt is not null && state.RoleArn is { } registered && registered != roleArn;
        var deployedAt = services.Clock.GetUtcNow();
        state = state with
        {
            RoleArn = roleArn,
            StackName = stackName,
            DeployedAt = deployedAt,
            StackDestroyedAt = null,
            Deployed = SpotConnect.Plan.DeployRecords.ForLink(spec, options.Texts, stackName, deployedAt),
        };
        if (replacing || registeredElsewhere)
        {
            // The old role is gone: Spot holds an ARN that no longer exists until the new one is registered.
            state = state with { LinkedAt = null, RegistrationRequired = true };
        }

        LinkStateStore.Save(options.StatePath, state);
        report($"deployed: {roleArn}");
        if (replacing)
        {
            report($"the role was replaced ({Cli.Plan.RoleReplacementGuard.Option}): Spot must be registered with {roleArn} (`spot-connect link register`)");
        }
        return state;
    }

    public async Task<LinkState> RegisterAsync(RegisterOptions options, CancellationToken cancellation)
    {
        var state = Require(options.StatePath);
        if (state.SpotAccountDeletedAt is { } deletedAt)
        {
            throw new SpotConnectValidationException(new ValidationProblem(StateOption, options.StatePath,
                $"the Spot account {state.SpotAccountId} was deleted ({deletedAt:u}, `link disconnect --delete-spot-account`): there is nothing to register the role with. Run `spot-connect link prepare` for a new Spot account (then `link deploy` and `link register`, or `link` for all three)."));
        }

        var spotAccountId = state.PreparedSpotAccountId(options.StatePath);
        var roleArn = options.RoleArn ?? state.RoleArn
            ?? throw new SpotConnectValidationException(new ValidationProblem("--role-arn", null, "no role to register: run `spot-connect link deploy` first, or pass --role-arn."));
        var match = RoleArnPattern().Match(roleArn);
        if (!match.Success)
        {
            throw new SpotConnectValidationException(new ValidationProblem("--role-arn", roleArn, "an IAM role ARN looks like arn:aws:iam::123456789012:role/Spot-Role."));
        }

        if (match.Groups["account"].Value != state.AwsAccountId || match.Groups["partition"].Value != state.Partition)
        {
            throw new SpotConnectValidationException(new ValidationProblem("--role-arn", roleArn, $"the role must be in the AWS account of the state, {state.AwsAccountId} ({state.Partition})."));
        }

        var spot = SpotClient(options.TokenFile);
        var current = await spot.GetRoleAsync(spotAccountId, cancellation);
        if (current.Known && current.RoleArn == roleArn && !state.RegistrationRequired)
        {
            report($"Spot: {spotAccountId} is already linked to {roleArn}; nothing to do.");
            state = state with { RoleArn = roleArn, LinkedAt = state.LinkedAt ?? services.Clock.GetUtcNow() };
            LinkStateStore.Save(options.StatePath, state);
            return state;
        }

        await new RoleRegistration(spot, services.Timing, services.Clock, report).RegisterAsync(spotAccountId, roleArn, cancellation);
        var confirmed = await spot.GetRoleAsync(spotAccountId, cancellation);
        if (confirmed.Known && confirmed.RoleArn != roleArn)
        {
            throw new SpotApiException("GET", "/setup/credentials/aws", 200, null, $"Spot accepted the role but reads back '{confirmed.RoleArn ?? "nothing"}' instead of {roleArn}.");
        }

        state = state with { RoleArn = roleArn, LinkedAt = services.Clock.GetUtcNow(), RegistrationRequired = false };
        LinkStateStore.Save(options.StatePath, state);
        report(confirmed.Known
            ? $"Spot: {spotAccountId} is linked to {roleArn} (read back and confirmed)."
            : $"Spot: {spotAccountId} accepted {roleArn} (Spot checked the role by assuming it; this Spot API offers no read-back).");
        return state;
    }

    /// <summary>
    /// The Spot account of the link, found by <see cref="SpotAccountFinder"/> in Spot's list (read once): the one given
    /// (<c>--spot-account</c>), the one the state records, the one connected to the AWS account, or the one a create the
    /// state records as started made; else a new one. The create is saved as started before it is sent: after a lost
    /// answer or a kill, the next run (or this one, looking again) takes exactly the account that create made and
    /// records it as created by SpotConnect. An unconnected account of the name that SpotConnect did not record
    /// creating is never taken without <c>--spot-account</c>.
    /// </summary>
    private async Task<(SpotAccount Account, bool Created)> ResolveSpotAccountAsync(
        SpotApiClient spot, PrepareOptions options, LinkState? existing, LinkState? previous, CallerIdentity caller, CancellationToken cancellation)
    {
        var started = options.SpotAccount is null ? existing?.SpotAccountCreateStartedAt : null;
        var name = started is not null && existing!.SpotAccountName is { } startedName ? startedName : options.Name ?? $"aws-{caller.Account}";
        var listed = await spot.ListAccountsAsync(cancellation);
        var match = SpotAccountFinder.Find(caller.Account, options.SpotAccount, existing?.SpotAccountId, started, name, listed);
        switch (match.Finding)
        {
            case SpotAccountFinding.Given:
                report($"Spot: using the given account {match.Account!.Id} ({match.Account.Name})");
                return (match.Account, false);
            case SpotAccountFinding.Recorded:
                report($"Spot: using {match.Account!.Id} ({match.Account.Name}) from {options.StatePath}");
                return (match.Account, false);
            case SpotAccountFinding.RecordedMissing:
                throw new SpotConnectValidationException(new ValidationProblem(StateOption, options.StatePath,
                    $"records the Spot account {existing!.SpotAccountId}, which this Spot organization no longer lists (deleted outside SpotConnect?). To connect to another, pass --spot-account, or remove spotAccountId from the state file to create a new one."));
            case SpotAccountFinding.Connected:
                if (match.Candidates.Count > 1)
                {
                    report($"Spot: {match.Candidates.Count} accounts are connected to {caller.Account}; using the first, {match.Account!.Id}. Pass --spot-account to choose.");
                }

                report($"Spot: {match.Account!.Id} ({match.Account.Name}) is already connected to AWS account {caller.Account}");
                return (match.Account, false);
            case SpotAccountFinding.MadeByStartedCreate:
                report($"Spot: the create started {started:u} made {match.Account!.Id} ('{name}'); using it");
                return (match.Account, true);
            case SpotAccountFinding.Ambiguous or SpotAccountFinding.Unrecorded:
                throw new SpotConnectValidationException(new ValidationProblem(SpotAccountFinder.GivenOption, null, match.Finding == SpotAccountFinding.Ambiguous
                    ? $"{match.Candidates.Count} unconnected Spot accounts named '{name}' could be the one the create started {started:u} made ({Ids(match.Candidates)}); nothing is created while it is unclear. Pass --spot-account with the right one (or delete the others in Spot)."
                    : $"an unconnected Spot account named '{name}' already exists ({Ids(match.Candidates)}) and {options.StatePath} records no create of it: SpotConnect never takes a Spot account it did not create or was not given. Pass --spot-account {match.Candidates[0].Id} to use it, or --name to create another."));
        }

        // Saved before the request leaves: from here on, a kill or a lost answer leads the next run to this create's account.
        var startedAt = services.Clock.GetUtcNow();
        LinkStateStore.Save(options.StatePath, new LinkState
        {
            AwsAccountId = caller.Account,
            Partition = caller.Partition,
            CallerArn = caller.Arn,
            SpotAccountName = name,
            SpotAccountCreateStartedAt = startedAt,
            StackName = previous?.StackName,
            StackDestroyedAt = previous?.StackDestroyedAt,
            Deployed = previous?.Deployed,
        });
        try
        {
            var created = await spot.CreateAccountAsync(name, cancellation);
            report($"Spot: created account {created.Id} ({created.Name})");
            return (created, true);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException || e is SpotApiException { Status: >= 500 or 429 })
        {
            // The answer was lost or failed, but Spot may have created the account: look before anyone retries. Otherwise the
            // start stays recorded, and the next run looks again.
            var after = SpotAccountFinder.Find(caller.Account, null, null, startedAt, name, await spot.ListAccountsAsync(cancellation));
            if (after.Finding == SpotAccountFinding.MadeByStartedCreate)
            {
                report($"Spot: the create call failed ({e.Message}), but account {after.Account!.Id} named '{name}' now exists; using it");
                return (after.Account, true);
            }

            throw;
        }
    }

    private static string Ids(IEnumerable<SpotAccount> accounts) => string.Join(", ", accounts.Select(a => a.Id));

    private SpotApiClient SpotClient(string? tokenFile)
    {
        var token = SpotToken.Resolve(tokenFile, services.Environment, context.WorkingDirectory);
        return new SpotApiClient(services.HttpClient(), token, SpotApiClient.BaseUrlFrom(services.Environment), services.Timing, services.Clock, report);
    }

    private static LinkState Require(string statePath) =>
        LinkStateStore.Load(statePath, StateOption) ?? throw new SpotConnectValidationException(NoState(statePath));

    private static ValidationProblem NoState(string statePath) =>
        new(StateOption, statePath, "no such state file: run `spot-connect link prepare` first (or pass the --state file it wrote).");

    private static string? RoleArnAccount(string arn)
    {
        var match = RoleArnPattern().Match(arn);
        return match.Success ? match.Groups["account"].Value : null;
    }

    /// <summary>An IAM role ARN in a partition SpotConnect supports, with its partition and account.</summary>
    [GeneratedRegex("^arn:(?<partition>aws|aws-us-gov|aws-cn):iam::(?<account>[0-9]{12}):role/(?:[!-~]{1,510}/)?[A-Za-z0-9_+=,.@-]{1,64}$")]
    internal static partial Regex RoleArnPattern();
}
