using SpotConnect.Cli.Link;
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
        var recorded = existing?.CallAs is { } text ? OrgInputRules.CallAs(StateOption, text, []) : null;
        if (request.CallAs is { } given && recorded is { } before && given != before)
        {
            throw new SpotConnectValidationException(new ValidationProblem("--call-as", OrgInputRules.Text(given),
                $"this state's StackSets are administered as {OrgInputRules.Text(before)}. To change that deliberately, change callAs in {request.StatePath} (a reviewed change), then run again.",
                [OrgInputRules.Text(before)]));
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
        var merged = OrgStateMerger.Merge(existing, inventory, StateOption, request.StatePath) with { CallAs = OrgInputRules.Text(callAs) };
        ReportMembership(merged);

        using var writer = new OrgStateWriter(request.StatePath, merged, services.Clock);
        await writer.SaveAsync(cancellation);
        return await new OrgPreparer(spot, writer, services.Clock, report).RunAsync(callAs, request.Concurrency, cancellation);
    }

    public async Task<OrgState> DeployAsync(OrgDeployRequest request, CancellationToken cancellation)
    {
        Lock(request.StatePath);
        var state = Require(request.StatePath);
        if (request.Prune)
        {
            (state, var pruned) = OrgStateMerger.Prune(state);
            report(pruned.Count == 0
                ? "--prune: no account to take out of its StackSet"
                : $"--prune: taking {pruned.Count} account(s) that left the organization or are no longer ACTIVE out of their StackSet: {string.Join(", ", pruned)}");
        }

        var problems = new List<ValidationProblem>();
        var given = request.Given.ToDictionary(kv => kv.Key, kv => kv.Key.ParseBoxed(kv.Value, kv.Key.CliOption!, problems)!);
        var org = problems.Count == 0 ? ResolveDeploy(state, given, request.CallAs, problems) : null;
        if (problems.Count > 0 || org is null)
        {
            throw new SpotConnectValidationException(problems);
        }

        var before = state.Accounts.Count(a => a.StackSet is not null);
        state = org.State with { Region = org.Region, CallAs = org.CallAs };
        var assigned = state.Accounts.Count(a => a.StackSet is not null);
        report($"StackSets: {assigned} account(s) in {state.StackSets.Count} StackSet(s) ({assigned - before} newly assigned; up to {org.Capacity.Accounts:N0} per StackSet)");
        OrgStateStore.Save(request.StatePath, state);

        var stackName = request.Given.GetValueOrDefault(SpotSettings.StackName) ?? SpotSettings.DefaultOrgStackName;
        var contextValues = new List<KeyValuePair<string, string>>
        {
            new(SpotSettings.OrgStateFile.ContextKey, request.StatePath),
            new(SpotSettings.Partition.ContextKey, state.Partition),
            new(SpotSettings.StackName.ContextKey, stackName),
        };
        if (request.CallAs is { } callAs && !request.Given.ContainsKey(SpotSettings.OrgCallAs))
        {
            contextValues.Add(new(SpotSettings.OrgCallAs.ContextKey, OrgInputRules.Text(callAs)));
        }

        contextValues.AddRange(request.Given.Where(kv => kv.Key != SpotSettings.StackName).Select(kv => KeyValuePair.Create(kv.Key.ContextKey, kv.Value)));
        report($"deploying {stackName} (the organization's StackSets) with the pinned CDK CLI…");
        var outputs = await services.Deployer.DeployAsync(new DeployRequest(stackName, request.ProjectDirectory, contextValues), report, cancellation);
        foreach (var (key, value) in outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            report($"output {key}: {value}");
        }

        return state;
    }

    /// <summary>
    /// The organization stack the options and the state make, resolved as the app resolves it: the link's policies
    /// (which size the member template), the org settings, and the StackSet placement with the capacity SpotOrgStack
    /// computes. Without a state (sync before its prepare), only the link and the settings are checked.
    /// </summary>
    /// <returns>The resolved stack, or <see langword="null"/> when a problem was found or there is no state.</returns>
    public static SpotOrgSpec? ResolveDeploy(OrgState? state, IReadOnlyDictionary<Setting, object> given, OrgCallAs? callAs, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(given);
        var link = LinkWorkflow.CheckDeploy(null, state?.Partition, given, problems); // each account's external id comes from the mapping
        var orgOptions = SettingBinder.Bind<SpotOrgOptions>(SpotSettings.Org.Where(s => s != SpotSettings.OrgStateFile), s => given.GetValueOrDefault(s)) with { State = state };
        if (callAs is { } requested)
        {
            var text = OrgInputRules.Text(requested);
            if (orgOptions.OrgCallAs is { } other && other != text)
            {
                problems.Add(new(SpotSettings.OrgCallAs.CliOption!, other, $"contradicts --call-as {text}: prepare and deploy must act as the same administrator.", [text]));
            }

            orgOptions = orgOptions with { OrgCallAs = text };
        }

        if (state is null)
        {
            return null;
        }

        var bootstrapped = given.GetValueOrDefault(SpotSettings.Bootstrapped) as bool? ?? false;
        return SpotOrgSpec.TryResolve(orgOptions, link, bootstrapped, FieldNames.Cli, problems);
    }

    public async Task<(OrgState State, IReadOnlyList<OrgRegisterOutcome> Outcomes)> RegisterAsync(OrgRegisterRequest request, CancellationToken cancellation)
    {
        Lock(request.StatePath);
        var state = Require(request.StatePath);
        var spot = SpotClient(request.TokenFile);
        using var writer = new OrgStateWriter(request.StatePath, state, services.Clock);
        var registration = new RoleRegistration(spot, services.Timing, services.Clock, report);
        var outcomes = await new OrgRegistrar(writer, registration, services.Clock, report).RunAsync(request.RoleName, request.Concurrency, cancellation);
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
        OrgStateStore.Load(statePath, StateOption)
        ?? throw new SpotConnectValidationException(new ValidationProblem(StateOption, statePath, "no such state file: run `spot-connect org prepare` first (or pass the --state file it wrote)."));

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
        var inactive = state.Accounts.Count(a => a.InOrganization && !OrgStateMerger.IsActiveMember(a));
        if (left + inactive > 0)
        {
            report($"{left} account(s) left the organization or are excluded and {inactive} are not ACTIVE: kept in the state, not prepared; `org deploy --prune` takes them out of their StackSet");
        }
    }

    private SpotApiClient SpotClient(string? tokenFile)
    {
        var token = SpotToken.Resolve(tokenFile, services.Environment, context.WorkingDirectory);
        return new SpotApiClient(services.HttpClient(), token, SpotApiClient.BaseUrlFrom(services.Environment), services.Timing, services.Clock, report);
    }
}
