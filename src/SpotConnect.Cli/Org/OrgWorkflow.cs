using SpotConnect.Cli.Link;
using SpotConnect.Cli.Options;
using SpotConnect.IO;
using SpotConnect.Org;
using SpotConnect.Settings;
using SpotConnect.Spot;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Org;

/// <summary>
/// The organization rollout's steps: <b>prepare</b> (a Spot account and an external id per AWS account),
/// <b>deploy</b> (assign accounts to StackSets, then <c>SpotOrgStack</c> with the pinned CDK CLI), <b>register</b>
/// (each role ARN with its Spot account). Each step starts from the state file and records what it did. The first
/// step takes the state file's lock (<see cref="StateFileLock"/>) and holds it until the workflow is disposed (the
/// whole command, all of sync's steps); each step reads the state only once the lock is held.
/// </summary>
internal sealed class OrgWorkflow(CliContext context, CliServices services, Action<string> report) : IDisposable
{
    private StateFileLock? _lock;

    public const string StateOption = "--state";

    public const string AccountsOption = "--accounts";

    /// <summary>How the steps' progress is shown (live bars on a terminal); default: plain lines through the report.</summary>
    public OrgProgressStart? Progress { get; init; }

    public async Task<OrgPrepareResult> PrepareAsync(OrgPrepareRequest request, CancellationToken cancellation)
    {
        Lock(request.StatePath);
        var spot = SpotClient(request.TokenFile);
        var problems = new List<ValidationProblem>();
        var accounts = OrgAccountsFile.Read(request.AccountsPath, AccountsOption, problems);
        if (problems.Count > 0)
        {
            throw new SpotConnectValidationException(problems);
        }

        // Whom the StackSets are administered as belongs to the state from the first prepare on: later runs default
        // to it (and to its management account), and a different --call-as is refused.
        var existing = OrgStateStore.Load(request.StatePath, StateOption);
        var recorded = existing?.CallAs;
        if (request.CallAs is { } given && existing?.CallAsProblem(given) is { } callAsProblem)
        {
            // Core's rule, named by the option prepare takes it as.
            throw new SpotConnectValidationException(callAsProblem).NamedBy(s => s == SpotSettings.OrgCallAs ? "--call-as" : CliNames.Of(s));
        }

        var callAs = request.CallAs ?? recorded ?? OrgCallAs.Self;
        request = request with
        {
            CallAs = callAs,
            ManagementAccount = request.ManagementAccount ?? (callAs == OrgCallAs.DelegatedAdmin ? existing?.ManagementAccountId : null),
        };
        var management = await ManagementAccountAsync(request, accounts, cancellation);
        var partition = OrgAccountsFile.PartitionFromArns(accounts) ?? management.Partition ?? "aws";
        var inventory = new OrgInventory(accounts, request.Excluded, management.Account, request.TargetOus, partition);
        var merged = OrgStateMerger.Merge(existing, inventory, StateOption, request.StatePath) with { CallAs = callAs };
        ReportMembership(merged);

        using var writer = new OrgStateWriter(request.StatePath, merged, services.Clock);
        await writer.SaveAsync(cancellation);
        return await new OrgPreparer(spot, writer, services.Clock, report, request.SpotAccounts) { Progress = Progress }.RunAsync(callAs, request.Concurrency, cancellation);
    }

    /// <summary>
    /// Places the accounts, saves the state and deploys SpotOrgStack. <paramref name="resolvedLink"/>: the link
    /// <see cref="CheckOptions"/> resolved for this run (sync), used when it was resolved for the state's partition; else the
    /// options are resolved here, once.
    /// </summary>
    public async Task<OrgDeployResult> DeployAsync(OrgDeployRequest request, CancellationToken cancellation, SpotLinkSpec? resolvedLink = null)
    {
        Lock(request.StatePath);
        var state = RequireState(request.StatePath, request.Values, request.Malformed, request.Names);
        var deployedBefore = OrgDeployResult.DeployedIn(state).Keys;
        if (request.Prune)
        {
            (state, var pruned) = OrgStateMerger.Prune(state, services.Clock.GetUtcNow());
            report(pruned.Count == 0
                ? "--prune: no account to take out of its StackSet"
                : $"--prune: taking {pruned.Count} account(s) that left the organization or are no longer ACTIVE out of their StackSet: {string.Join(", ", pruned)}");
        }

        // Resolved once, here, under the state's lock, with the state as it is now: the rollout the CDK app synthesizes.
        var org = ResolveDeploy(state, request.Values, request.Malformed, request.CallAs, request.Names, resolvedLink);

        // A new role name or path replaces every account's role (new ARNs): never silently, and checked before anything is written.
        var deployedRole = SpotConnect.Cli.Plan.RoleReplacementGuard.Deployed(state);
        SpotConnect.Cli.Plan.RoleReplacementGuard.Check(deployedRole, org.Link, request.ReplaceRole, $"every account of {request.StatePath}", request.Names);
        var replacing = SpotConnect.Cli.Plan.RoleReplacementGuard.Replaces(deployedRole, org.Link);
        var before = state.Accounts.Count(a => a.StackSet is not null);
        state = org.State with { Region = org.Region, CallAs = org.CallAs };
        var assigned = state.Accounts.Count(a => a.StackSet is not null);
        report($"StackSets: {assigned} account(s) in {state.StackSets.Count} StackSet(s) ({assigned - before} newly assigned; up to {org.Capacity.Accounts:N0} per StackSet)");
        OrgStateStore.Save(request.StatePath, state);

        var stackName = DeployStackName(state, request.Texts);
        // The administrator is recorded in the state, where the app reads it; --call-as (sync) is passed on as given.
        (Setting, string)[] decided = [(SpotSettings.OrgState, request.StatePath), (SpotSettings.Partition, state.Partition), (SpotSettings.StackName, stackName)];
        var contextValues = CdkContextArguments.For(request.Texts,
            request.CallAs is { } callAs && !request.Texts.ContainsKey(SpotSettings.OrgCallAs) ? [.. decided, (SpotSettings.OrgCallAs, callAs.ToText())] : decided);
        report($"deploying {stackName} (the organization's StackSets) with the pinned CDK CLI…");
        foreach (var note in request.Run.OverrideNotes())
        {
            report(note);
        }

        var outputs = await services.Deployer.DeployAsync(new DeployRequest(stackName, request.ProjectDirectory, contextValues, org.Fingerprint(request.Run.Retained)), report, cancellation);
        foreach (var (key, value) in outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            report($"output {key}: {value}");
        }

        // Recorded only now that the deploy succeeded: what `org plan` compares with and the replacement guard checks.
        state = state with { Deployed = SpotConnect.Plan.DeployRecords.ForOrg(org, request.Texts, stackName, services.Clock.GetUtcNow()) };
        if (replacing)
        {
            // Every account's role has a new ARN: Spot holds the old one until registered again (`org register`, or sync's next step).
            var affected = 0;
            state = state with
            {
                Accounts = state.Accounts.Select(a =>
                {
                    var arn = OrgRegistrar.RoleArn(state.Partition, a.AwsAccountId, org.Link.RoleName, org.Link.RolePath);
                    if (a.RegisteredAt is null || a.RoleArn == arn)
                    {
                        return a;
                    }

                    affected++;
                    return a with { RegisteredAt = null };
                }).ToList(),
            };
            report($"the role was replaced ({SpotConnect.Cli.Plan.RoleReplacementGuard.Option}): {affected} account(s) must be registered with the new ARN (`spot-connect org register`)");
        }

        OrgStateStore.Save(request.StatePath, state);
        var (added, removed) = OrgDeployResult.Difference(deployedBefore, state.Deployed!.StackSets);
        return new OrgDeployResult(state, added, removed);
    }

    /// <summary>
    /// What <c>org sync</c> checks before its prepare step changes anything: the options alone, resolved once as a link (the
    /// rollout, which needs the state prepare writes, is resolved by the deploy step), so a malformed or contradictory
    /// option, another stack, or a role replacement without <c>--replace-role</c> stops the run at once with every problem.
    /// </summary>
    /// <exception cref="SpotConnectValidationException">An option is invalid, or the deploy would replace the role unasked.</exception>
    /// <returns>The link resolved (the role and policies every account gets), for the deploy step of the same run.</returns>
    public static SpotLinkSpec CheckOptions(OrgDeployRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = OrgStateStore.Load(request.StatePath, StateOption);
        var problems = request.Malformed.ToList();
        var link = SpotLinkOptions.From(request.Values) with { Partition = SpotConnect.Policies.SpotPartition.All.FirstOrDefault(p => p.Name == state?.Partition) };
        var spec = SpotLinkSpec.TryResolve(link, problems);
        if (StackRules.StackNameProblem(request.Values.GetValueOrDefault(SpotSettings.StackName) as string, state is null ? null : state.OtherStackProblem) is { } stackProblem)
        {
            problems.Add(stackProblem);
        }

        if (problems.Count > 0 || spec is null)
        {
            throw new SpotConnectValidationException(problems).NamedBy(request.Names);
        }

        if (state is not null)
        {
            SpotConnect.Cli.Plan.RoleReplacementGuard.Check(SpotConnect.Cli.Plan.RoleReplacementGuard.Deployed(state), spec, request.ReplaceRole, $"every account of {request.StatePath}", request.Names);
        }

        return spec;
    }

    /// <summary>
    /// The state at <paramref name="statePath"/>; when there is none, that problem together with every problem of the
    /// options themselves (all at once, as if the state were there).
    /// </summary>
    /// <exception cref="SpotConnectValidationException">There is no state file.</exception>
    public static OrgState RequireState(string statePath, IReadOnlyDictionary<Setting, object> values, IReadOnlyList<ValidationProblem> malformed, Func<Setting, string>? names = null)
    {
        if (OrgStateStore.Load(statePath, StateOption) is { } state)
        {
            return state;
        }

        var problems = LinkWorkflow.OptionProblems(values, malformed);
        problems.Insert(0, NoState(statePath));
        throw new SpotConnectValidationException(problems).NamedBy(names ?? CliNames.WithState(FromState));
    }

    /// <summary>The settings <c>org deploy</c> takes from the state rather than from options: external ids, the partition, the state itself.</summary>
    public static IReadOnlyList<Setting> FromState { get; } = [SpotSettings.ExternalId, SpotSettings.Partition, SpotSettings.OrgState];

    /// <summary>The settings <c>org deploy</c> and <c>org sync</c> take as options: the link's, the stack's and the rollout's, without those from the state.</summary>
    public static IReadOnlyList<Setting> DeploySettings { get; } =
        SpotSettings.All.Where(s => s.CliOption is not null && !FromState.Contains(s)).ToArray();

    /// <summary>The stack an org deploy (and its plan) works on: the one given, else the one the state's last deploy recorded, else the default.</summary>
    public static string DeployStackName(OrgState state, IReadOnlyDictionary<Setting, string> texts) =>
        texts.GetValueOrDefault(SpotSettings.StackName) ?? state.DeployedStackName ?? SpotSettings.DefaultOrgStackName;


    /// <summary>
    /// Resolves, once, the organization stack the options and the state make, as the app resolves it: the link's policies
    /// (which size the member template), the org settings, and the StackSet placement with the capacity SpotOrgStack
    /// computes; every problem at once, named as the CLI names them.
    /// </summary>
    /// <exception cref="SpotConnectValidationException">An option, the state or a limit is violated.</exception>
    /// <param name="state">The state, as it is now (under its lock; with <c>--prune</c> applied).</param>
    /// <param name="given">The settings given (options over cdk.json), parsed.</param>
    /// <param name="malformed">The settings that did not parse.</param>
    /// <param name="callAs">Sync's <c>--call-as</c>, the deploy's administrator too; <see langword="null"/> for deploy.</param>
    /// <param name="names">How the problems name settings; default: by option, the state's by <c>--state</c>.</param>
    /// <param name="resolvedLink">The link the run resolved already (sync's <see cref="CheckOptions"/>): when it is for the state's partition, its rules are not checked again.</param>
    public static SpotOrgSpec ResolveDeploy(OrgState state, IReadOnlyDictionary<Setting, object> given, IReadOnlyList<ValidationProblem> malformed, OrgCallAs? callAs, Func<Setting, string>? names = null, SpotLinkSpec? resolvedLink = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(given);
        var problems = malformed.ToList();
        var link = SpotLinkOptions.From(given) with { Partition = SpotConnect.Policies.SpotPartition.All.FirstOrDefault(p => p.Name == state.Partition) };
        var org = SpotOrgOptions.From(given, state);
        if (callAs is { } requested)
        {
            // sync: prepare's --call-as is the deploy's administrator too (sync offers no --org-call-as).
            org = org with { CallAs = requested };
        }

        if (StackRules.StackNameProblem(given.GetValueOrDefault(SpotSettings.StackName) as string, state.OtherStackProblem) is { } stackProblem)
        {
            problems.Add(stackProblem);
        }

        var bootstrapped = given.GetValueOrDefault(SpotSettings.Bootstrapped) as bool? ?? false;
        var spec = resolvedLink is not null && resolvedLink.Partition.Name == state.Partition
            ? SpotOrgSpec.TryResolve(org, resolvedLink, bootstrapped, problems)
            : SpotOrgSpec.TryResolve(org, link, bootstrapped, problems);
        return problems.Count == 0 && spec is not null
            ? spec
            : throw new SpotConnectValidationException(problems).NamedBy(names ?? CliNames.WithState(FromState));
    }

    public async Task<(OrgState State, IReadOnlyList<OrgRegisterOutcome> Outcomes)> RegisterAsync(OrgRegisterRequest request, CancellationToken cancellation)
    {
        Lock(request.StatePath);
        var state = Require(request.StatePath);
        var spot = SpotClient(request.TokenFile);
        using var writer = new OrgStateWriter(request.StatePath, state, services.Clock);
        var registration = new RoleRegistration(spot, services.Timing, services.Clock, report);
        // Without --role-name/--role-path: the role as the last deploy recorded it (else the defaults).
        var deployed = state.Deployed?.Role;
        var roleName = request.RoleName ?? deployed?.Name ?? SpotSettings.DefaultRoleName;
        var rolePath = request.RolePath ?? deployed?.Path ?? SpotSettings.DefaultRolePath;
        var outcomes = await new OrgRegistrar(writer, registration, services.Clock, report) { Progress = Progress }.RunAsync(roleName, rolePath, request.Concurrency, cancellation);
        return (writer.Current, outcomes);
    }

    /// <inheritdoc />
    public void Dispose() => _lock?.Dispose();

    /// <summary>Takes the state file's lock for the rest of the command (once: sync's later steps already hold it).</summary>
    private void Lock(string statePath)
    {
        if (_lock is null)
        {
            _lock = StateFileLock.Acquire(statePath);
            return;
        }

        if (!string.Equals(_lock.Path, Path.GetFullPath(statePath) + StateFileLock.Suffix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"one command works on one state file; it holds {_lock.Path}, not the lock of {statePath}.");
        }
    }

    public static OrgState Require(string statePath) =>
        OrgStateStore.Load(statePath, StateOption) ?? throw new SpotConnectValidationException(NoState(statePath));

    private static ValidationProblem NoState(string statePath) =>
        new(StateOption, statePath, "no such state file: run `spot-connect org prepare` first (or pass the --state file it wrote).");

    private async Task<(string Account, string? Partition)> ManagementAccountAsync(OrgPrepareRequest request, IReadOnlyList<OrgAwsAccount> accounts, CancellationToken cancellation)
    {
        var fromArns = OrgAccountsFile.ManagementAccountFromArns(accounts);
        if (request.ManagementAccount is { } given)
        {
            return fromArns is not null && fromArns != given
                ? throw new SpotConnectValidationException(new ValidationProblem("--management-account", given, $"the accounts file's ARNs name {fromArns} as the organization's management account."))
                : (given, null);
        }

        // --call-as SELF without --management-account: the caller is the management account.
        var caller = await services.AwsIdentity(services.Environment).GetCallerIdentityAsync(cancellation);
        report($"AWS: account {caller.Account} in partition {caller.Partition} (as {caller.Arn}), taken as the management account");
        if (fromArns is not null && fromArns != caller.Account)
        {
            throw new SpotConnectValidationException(new ValidationProblem("--call-as", "SELF",
                $"the AWS credentials are for {caller.Account}, but the accounts file's ARNs name {fromArns} as the management account. Run with credentials for {fromArns}, or from a delegated administrator with --call-as DELEGATED_ADMIN --management-account {fromArns}."));
        }

        return (caller.Account, caller.Partition);
    }

    private void ReportMembership(OrgState state)
    {
        var left = state.Accounts.Count(a => !a.InOrganization);
        var inactive = state.Accounts.Count(a => a.InOrganization && !a.IsActiveMember);
        if (left + inactive > 0)
        {
            report($"{left} account(s) left the organization or are excluded and {inactive} are not ACTIVE: kept in the state, not prepared; `spot-connect org prune --accounts FILE` shows what retiring them does (out of their StackSet, and with --delete-spot-accounts the Spot accounts SpotConnect created)");
        }
    }

    private SpotApiClient SpotClient(string? tokenFile)
    {
        var token = SpotToken.Resolve(tokenFile, services.Environment, context.WorkingDirectory);
        return new SpotApiClient(services.HttpClient(), token, SpotApiClient.BaseUrlFrom(services.Environment), services.Timing, services.Clock, report);
    }
}
