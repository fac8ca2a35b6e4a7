using System.Text.RegularExpressions;

namespace SpotConnect.Cli.Link;

/// <summary>Options of <c>link prepare</c>.</summary>
internal sealed record PrepareOptions(string StatePath, string? SpotAccount, string? Name, string? TokenFile, bool NewExternalId);

/// <summary>Options of <c>link deploy</c>.</summary>
internal sealed record DeployOptions(string StatePath, string Bundles, string StackName, string ProjectDirectory, string? PrincipalAccountId = null);

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

    /// <summary>How <c>link deploy</c> names the inputs of the stack it deploys (those it does not expose keep their defaults).</summary>
    private static readonly SpotConnect.Configuration.SpotLinkFieldNames DeployFields = new(
        ExternalId: StateOption, Bundles: "--bundles", RoleName: "spot:roleName", PolicyName: "spot:policyName", StackName: "--stack-name",
        Partition: StateOption, PrincipalAccountId: "--principal-account-id", MaxManagedPolicies: "spot:maxManagedPolicies",
        Bootstrapped: "spot:bootstrapped", RetainOnDelete: "spot:retainOnDelete");

    public async Task<LinkState> PrepareAsync(PrepareOptions options, CancellationToken cancellation)
    {
        if (options.SpotAccount is not null && !SpotAccountPattern().IsMatch(options.SpotAccount))
        {
            throw new UsageException(new("--spot-account", options.SpotAccount, "a Spot account id is 'act-' and 8 hexadecimal characters, e.g. act-1a2b3c4d."));
        }

        if (options.Name is not null && (options.Name.Length is 0 or > 100 || !options.Name.Any(char.IsLetter)))
        {
            throw new UsageException(new("--name", options.Name, "a Spot account name has 1-100 characters and at least one letter."));
        }

        var existing = LinkStateStore.Load(options.StatePath, StateOption);
        var spot = SpotClient(options.TokenFile);
        var caller = await services.AwsIdentity(services.Environment).GetCallerIdentityAsync(cancellation);
        report($"AWS: account {caller.Account} in partition {caller.Partition} (as {caller.Arn})");
        if (existing is not null && existing.AwsAccountId != caller.Account)
        {
            throw new UsageException(new(StateOption, options.StatePath,
                $"this state belongs to AWS account {existing.AwsAccountId}, but the AWS credentials are for {caller.Account}. Use credentials for {existing.AwsAccountId}, or another state file."));
        }

        var (account, created) = await ResolveSpotAccountAsync(spot, options, existing, caller, cancellation);
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
        };

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

    public async Task<LinkState> DeployAsync(DeployOptions options, CancellationToken cancellation)
    {
        var state = Require(options.StatePath);
        if (state.ExternalId is null)
        {
            throw new UsageException(new(StateOption, options.StatePath, "has no external id yet: run `spot-connect link prepare` first."));
        }

        // The same rules the CDK app applies, checked here so that bad options fail before anything is deployed.
        var problems = new List<SpotConnect.Validation.ValidationProblem>();
        if (SpotConnect.Validation.InputRules.StackName("--stack-name", options.StackName) is { } stackProblem)
        {
            problems.Add(stackProblem);
        }

        _ = SpotConnect.Configuration.SpotLinkSpec.TryResolve(
            new SpotConnect.Configuration.SpotLinkInputs(
                ExternalId: state.ExternalId,
                Bundles: SpotConnect.Selection.BundleSelection.Parse(options.Bundles, "--bundles"),
                Partition: SpotConnect.Policies.SpotPartition.Parse(state.Partition, StateOption),
                PrincipalAccountId: options.PrincipalAccountId),
            DeployFields,
            problems);
        if (problems.Count > 0)
        {
            throw new SpotConnect.Validation.SpotConnectValidationException(problems);
        }

        // The credentials cdk will use must be for the account of the state: check before anything is created.
        var caller = await services.AwsIdentity(services.Environment).GetCallerIdentityAsync(cancellation);
        if (caller.Account != state.AwsAccountId)
        {
            throw new UsageException(new(StateOption, options.StatePath,
                $"this state belongs to AWS account {state.AwsAccountId}, but the AWS credentials are for {caller.Account}. Nothing was deployed."));
        }

        report($"deploying {options.StackName} into AWS account {state.AwsAccountId} with the pinned CDK CLI…");
        var roleArn = await services.Deployer.DeployAsync(
            new DeployRequest(options.StackName, state.ExternalId, state.Partition, options.Bundles, options.PrincipalAccountId, options.ProjectDirectory), report, cancellation);
        if (RoleArnAccount(roleArn) != state.AwsAccountId)
        {
            throw new InvalidOperationException($"the stack was deployed into the AWS account of {roleArn}, but the state is for {state.AwsAccountId}: check the AWS credentials cdk used.");
        }

        state = state with { RoleArn = roleArn, StackName = options.StackName, DeployedAt = services.Clock.GetUtcNow() };
        LinkStateStore.Save(options.StatePath, state);
        report($"deployed: {roleArn}");
        return state;
    }

    public async Task<LinkState> RegisterAsync(RegisterOptions options, CancellationToken cancellation)
    {
        var state = Require(options.StatePath);
        var roleArn = options.RoleArn ?? state.RoleArn
            ?? throw new UsageException(new("--role-arn", null, "no role to register: run `spot-connect link deploy` first, or pass --role-arn."));
        var match = RoleArnPattern().Match(roleArn);
        if (!match.Success)
        {
            throw new UsageException(new("--role-arn", roleArn, "an IAM role ARN looks like arn:aws:iam::123456789012:role/Spot-Role."));
        }

        if (match.Groups["account"].Value != state.AwsAccountId || match.Groups["partition"].Value != state.Partition)
        {
            throw new UsageException(new("--role-arn", roleArn, $"the role must be in the AWS account of the state, {state.AwsAccountId} ({state.Partition})."));
        }

        var spot = SpotClient(options.TokenFile);
        var current = await spot.GetRoleAsync(state.SpotAccountId, cancellation);
        if (current == roleArn && !state.RegistrationRequired)
        {
            report($"Spot: {state.SpotAccountId} is already linked to {roleArn}; nothing to do.");
            state = state with { RoleArn = roleArn, LinkedAt = state.LinkedAt ?? services.Clock.GetUtcNow() };
            LinkStateStore.Save(options.StatePath, state);
            return state;
        }

        await SetRolePatientlyAsync(spot, state.SpotAccountId, roleArn, cancellation);
        var confirmed = await spot.GetRoleAsync(state.SpotAccountId, cancellation);
        if (confirmed != roleArn)
        {
            throw new SpotApiException("GET", "/setup/credentials/aws", 200, null, $"Spot accepted the role but reads back '{confirmed ?? "nothing"}' instead of {roleArn}.");
        }

        state = state with { RoleArn = roleArn, LinkedAt = services.Clock.GetUtcNow(), RegistrationRequired = false };
        LinkStateStore.Save(options.StatePath, state);
        report($"Spot: {state.SpotAccountId} is linked to {roleArn} (read back and confirmed).");
        return state;
    }

    /// <summary>
    /// Registers the role, retrying while Spot cannot assume it yet (IAM propagates a new role in seconds to
    /// tens of seconds): every failed attempt is reported, waits grow, and the whole is bounded.
    /// </summary>
    private async Task SetRolePatientlyAsync(SpotApiClient spot, string accountId, string roleArn, CancellationToken cancellation)
    {
        var timing = services.Timing;
        var deadline = services.Clock.GetUtcNow() + timing.PropagationTimeout;
        var delay = timing.PropagationDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await spot.SetRoleAsync(accountId, roleArn, cancellation);
                return;
            }
            catch (SpotApiException e) when (e.Status is 400 or 422)
            {
                var next = services.Clock.GetUtcNow() + delay;
                if (next > deadline)
                {
                    throw new SpotApiException(e.Method, e.PathAndQuery, e.Status, e.Code,
                        $"{e.SpotMessage} (gave up after {attempt} attempts in {timing.PropagationTimeout.TotalSeconds:0} s: if the role was just created, run `spot-connect link register` again in a minute; otherwise check the role's trust policy and external id)");
                }

                report($"Spot could not use the role yet (attempt {attempt}: {e.Code ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.SpotMessage}); IAM may still be propagating it, retrying in {delay.TotalSeconds:0.#} s");
                await Task.Delay(delay, services.Clock, cancellation);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, timing.PropagationMaxDelay.Ticks));
            }
        }
    }

    private async Task<(SpotAccount Account, bool Created)> ResolveSpotAccountAsync(
        SpotApiClient spot, PrepareOptions options, LinkState? existing, CallerIdentity caller, CancellationToken cancellation)
    {
        if (options.SpotAccount is not null)
        {
            var given = await spot.GetAccountAsync(options.SpotAccount, cancellation);
            if (given.ConnectedAwsAccountId is { } other && other != caller.Account)
            {
                throw new UsageException(new("--spot-account", options.SpotAccount, $"this Spot account is connected to AWS account {other}, not {caller.Account}."));
            }

            report($"Spot: using the given account {given.Id} ({given.Name})");
            return (given, false);
        }

        if (existing is not null)
        {
            var recorded = await spot.GetAccountAsync(existing.SpotAccountId, cancellation);
            report($"Spot: using {recorded.Id} ({recorded.Name}) from {options.StatePath}");
            return (recorded, false);
        }

        var connected = await spot.FindAccountsByAwsAccountAsync(caller.Account, cancellation);
        if (connected.Count > 0)
        {
            if (connected.Count > 1)
            {
                report($"Spot: {connected.Count} accounts are connected to {caller.Account}; using the first, {connected[0].Id}. Pass --spot-account to choose.");
            }

            report($"Spot: {connected[0].Id} ({connected[0].Name}) is already connected to AWS account {caller.Account}");
            return (connected[0], false);
        }

        // An account this tool created in an earlier, interrupted run is not connected yet, so the lookup above
        // cannot find it: look for an unconnected account of the same name before creating one.
        var name = options.Name ?? $"aws-{caller.Account}";
        var before = await spot.ListAccountsAsync(cancellation);
        if (Unconnected(before, name) is { } earlier)
        {
            report($"Spot: reusing the unconnected account {earlier.Id} named '{name}' (created by an earlier run?). Pass --spot-account to choose another.");
            return (earlier, false);
        }

        try
        {
            var created = await spot.CreateAccountAsync(name, cancellation);
            report($"Spot: created account {created.Id} ({created.Name})");
            return (created, true);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException || e is SpotApiException { Status: >= 500 or 429 })
        {
            // The answer was lost or failed, but Spot may have created the account: look before anyone retries.
            var known = before.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            var after = await spot.ListAccountsAsync(cancellation);
            if (Unconnected(after.Where(a => !known.Contains(a.Id)).ToList(), name) is { } adopted)
            {
                report($"Spot: the create call failed ({e.Message}), but account {adopted.Id} named '{name}' now exists; using it.");
                return (adopted, true);
            }

            throw;
        }
    }

    private static SpotAccount? Unconnected(IReadOnlyList<SpotAccount> accounts, string name) =>
        accounts.FirstOrDefault(a => a.ConnectedAwsAccountId is null && string.Equals(a.Name, name, StringComparison.Ordinal));

    private SpotApiClient SpotClient(string? tokenFile)
    {
        var token = SpotToken.Resolve(tokenFile, services.Environment, context.WorkingDirectory);
        return new SpotApiClient(services.HttpClient(), token, SpotApiClient.BaseUrlFrom(services.Environment), services.Timing, report);
    }

    private static LinkState Require(string statePath) =>
        LinkStateStore.Load(statePath, StateOption)
        ?? throw new UsageException(new(StateOption, statePath, "no such state file: run `spot-connect link prepare` first (or pass the --state file it wrote)."));

    private static string? RoleArnAccount(string arn)
    {
        var match = RoleArnPattern().Match(arn);
        return match.Success ? match.Groups["account"].Value : null;
    }

    [GeneratedRegex("^act-[0-9a-f]{8}$")]
    private static partial Regex SpotAccountPattern();

    [GeneratedRegex("^arn:(?<partition>aws|aws-us-gov|aws-cn):iam::(?<account>[0-9]{12}):role/[A-Za-z0-9_+=,.@/-]{1,512}$")]
    private static partial Regex RoleArnPattern();
}
