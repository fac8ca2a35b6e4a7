using SpotConnect.Status;

namespace SpotConnect.Org;

/// <summary>
/// What an organization's state file records, read as an admin asks it: the last deploy (stack, settings by name,
/// member role, policies, StackSets, when), every account (Spot account, StackSet, registration, prunes and
/// deletions), and the steps that are due, each with its command and how many accounts it concerns. Derived from
/// the state only: no Spot, AWS or CDK call.
/// </summary>
internal sealed record OrgStatus
{
    /// <summary>The commands, in the order they are due.</summary>
    private const string FinishDelete = "spot-connect org prune --accounts FILE --delete-spot-accounts --yes";
    private const string Prune = "spot-connect org prune --accounts FILE";
    private const string PruneExcluded = "spot-connect org deploy --prune";
    private const string Prepare = "spot-connect org prepare --accounts FILE";
    private const string Deploy = "spot-connect org deploy";
    private const string Register = "spot-connect org register";

    /// <summary>The state file read.</summary>
    public required string StateFile { get; init; }

    /// <summary>The organization's management account.</summary>
    public required string ManagementAccountId { get; init; }

    /// <summary>The partition.</summary>
    public required string Partition { get; init; }

    /// <summary>The organizational units or root the StackSets deploy to.</summary>
    public required IReadOnlyList<string> TargetOus { get; init; }

    /// <summary>Whom the StackSets are administered as (<c>SELF</c>, <c>DELEGATED_ADMIN</c>), once recorded.</summary>
    public string? CallAs { get; init; }

    /// <summary>The StackSets' region, once deployed.</summary>
    public string? Region { get; init; }

    /// <summary>The stack the last deploy deployed.</summary>
    public string? StackName { get; init; }

    /// <summary>When the last recorded deploy finished; <see langword="null"/> when none is recorded.</summary>
    public DateTimeOffset? DeployedAt { get; init; }

    /// <summary>The settings the last deploy recorded, by context key.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The member role's ARN, <c>&lt;account&gt;</c> standing for each account's id.</summary>
    public string? MemberRoleArn { get; init; }

    /// <summary>The customer managed policies the last deploy recorded.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];

    /// <summary>The AWS managed policies the last deploy attached.</summary>
    public IReadOnlyList<string> AwsManagedPolicies { get; init; } = [];

    /// <summary>Per StackSet, how many accounts the last deploy deployed.</summary>
    public IReadOnlyDictionary<string, int> StackSets { get; init; } = new Dictionary<string, int>();

    /// <summary>Every account of the state.</summary>
    public required IReadOnlyList<OrgAccountStatus> Accounts { get; init; }

    /// <summary>How many accounts Spot holds the current role of.</summary>
    public int RegisteredAccounts => Accounts.Count(a => a.Registered);

    /// <summary>The steps that are due, in order, each once with the number of accounts it concerns.</summary>
    public required IReadOnlyList<DueStep> Due { get; init; }

    /// <summary>The status <paramref name="state"/> records.</summary>
    /// <param name="state">The organization's state.</param>
    /// <param name="stateFile">The state file, as the user named it.</param>
    public static OrgStatus Of(OrgState state, string stateFile)
    {
        ArgumentNullException.ThrowIfNull(state);
        var deployedIn = OrgDeployResult.DeployedIn(state);
        var unrecorded = DeployedBeforeRecords(state);
        var role = state.Deployed?.Role;
        // Prepare needs the accounts file (its FILE: the `aws organizations list-accounts` output), the state's targets and exclusions.
        var excluded = state.Accounts.Where(a => a.Excluded == true).Select(a => a.AwsAccountId).ToArray();
        var prepare = $"{Prepare} --target-ou {string.Join(",", state.TargetOus)}" + (excluded.Length > 0 ? $" --exclude {string.Join(",", excluded)}" : string.Empty);
        var accounts = state.Accounts.Select(a => AccountOf(state, a, deployedIn.GetValueOrDefault(a.AwsAccountId), unrecorded, role, prepare)).ToArray();
        var due = accounts.Where(a => a.Next is not null)
            .GroupBy(a => a.Next!.Command, StringComparer.Ordinal)
            .OrderBy(g => Array.IndexOf(new[] { FinishDelete, prepare, PruneExcluded, Prune, Deploy, Register }, g.Key))
            .Select(g => new DueStep(g.Key, Reasons(g.Select(a => a.Next!.Reason)), g.Count()))
            .ToArray();
        return new OrgStatus
        {
            StateFile = stateFile,
            ManagementAccountId = state.ManagementAccountId,
            Partition = state.Partition,
            TargetOus = state.TargetOus,
            CallAs = state.CallAs?.ToText(),
            Region = state.Region,
            StackName = state.DeployedStackName,
            DeployedAt = state.Deployed?.DeployedAt,
            Settings = state.Deployed?.Settings ?? new Dictionary<string, string>(),
            MemberRoleArn = role is null ? null : OrgRegistrar.RoleArn(state.Partition, "<account>", role.Name, role.Path),
            Policies = state.Deployed?.Policies.Select(p => p.Name).ToArray() ?? [],
            AwsManagedPolicies = state.Deployed?.AwsManagedPolicies ?? [],
            StackSets = state.Deployed?.StackSets.ToDictionary(s => s.Key, s => s.Value.Count, StringComparer.Ordinal) ?? new Dictionary<string, int>(),
            Accounts = accounts,
            Due = due,
        };
    }

    /// <summary>
    /// The end of a command's last line: the next command and for how many accounts (the others due after it named), or
    /// that nothing is due.
    /// </summary>
    public string NextText() => Due.Count == 0
        ? "Nothing else is due."
        : $"Next: `{Due[0].Command}` ({Due[0].Accounts} account(s): {Due[0].Reason})"
          + (Due.Count > 1 ? $"; then {string.Join(", ", Due.Skip(1).Select(d => $"`{d.Command}` ({d.Accounts})"))}." : ".");

    /// <summary>Whether the state's StackSets were deployed by a version that recorded no deploy (its registered accounts say so).</summary>
    public static bool DeployedBeforeRecords(OrgState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Deployed is null && state.Accounts.Any(a => a.RegisteredAt is not null);
    }

    /// <summary>How a person reads an account's membership.</summary>
    public static string MembershipOf(OrgAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.InOrganization ? account.AwsState ?? OrgAwsAccount.Active
            : account.Excluded == true ? $"excluded ({account.AwsState ?? "?"})"
            : account.Excluded == false ? "left the organization"
            : "left or excluded";
    }

    /// <summary>The accounts' reasons, each once; with several, how many accounts each concerns.</summary>
    private static string Reasons(IEnumerable<string> reasons)
    {
        var groups = reasons.GroupBy(r => r, StringComparer.Ordinal).ToArray();
        return groups.Length == 1 ? groups[0].Key : string.Join("; ", groups.Select(g => $"{g.Key} ({g.Count()})"));
    }

    private static OrgAccountStatus AccountOf(OrgState state, OrgAccount a, string? deployedIn, bool unrecorded, Plan.DeployedRole? role, string prepare)
    {
        var management = a.AwsAccountId == state.ManagementAccountId;
        var pruned = a.PrunedAt is not null && a.StackSet is null;
        var roleArn = a.RegisteredAt is not null ? a.RoleArn
            : management ? state.Deployed?.ManagementAccount?.RoleArn ?? a.RoleArn
            : role is not null && deployedIn is not null ? OrgRegistrar.RoleArn(state.Partition, a.AwsAccountId, role.Name, role.Path)
            : a.RoleArn;
        return new OrgAccountStatus
        {
            AwsAccountId = a.AwsAccountId,
            Name = a.Name,
            AwsState = a.AwsState,
            InOrganization = a.InOrganization,
            Membership = MembershipOf(a),
            ManagementAccount = management,
            SpotAccountId = a.SpotAccountId,
            SpotAccountCreated = a.SpotAccountCreated,
            SpotAccountDeletedAt = a.SpotAccountDeletedAt,
            ExternalId = a.ExternalId,
            StackSet = a.StackSet,
            DeployedStackSet = deployedIn,
            PrunedAt = a.PrunedAt,
            PrunedFromStackSet = a.PrunedFromStackSet,
            RoleArn = roleArn,
            // Spot holds a role until it is pruned (its stack instance goes) or its Spot account is deleted, ACTIVE or not.
            Registered = a.RegisteredAt is not null && a.SpotAccountDeletedAt is null && !pruned,
            RegisteredAt = a.RegisteredAt,
            LastError = a.LastError,
            Next = NextOf(state, a, deployedIn, management, unrecorded, prepare),
        };
    }

    private static DueStep? NextOf(OrgState state, OrgAccount a, string? deployedIn, bool management, bool unrecorded, string prepare)
    {
        if (a is { SpotAccountDeleteStartedAt: not null, SpotAccountDeletedAt: null })
        {
            return new(FinishDelete, "a Spot account delete's outcome is not known");
        }

        if (!a.IsActiveMember)
        {
            // `org prune` retires what the accounts file no longer lists as ACTIVE; an excluded account is listed, so
            // `org deploy --prune` (the state's own membership) takes it out.
            var why = a.InOrganization ? $"not ACTIVE ({a.AwsState})" : MembershipOf(a);
            return a.StackSet is not null ? (a.Excluded == true ? new(PruneExcluded, $"{why} but still in a StackSet") : new(Prune, $"{why} but still in a StackSet: review, then prune"))
                : deployedIn is not null ? new(Deploy, $"pruned from {deployedIn}: the deploy removes its stack instance")
                : null;
        }

        if (management && state.CallAs == OrgCallAs.DelegatedAdmin)
        {
            return null; // a delegated administrator cannot hold its role: `spot-connect link` there, outside this state
        }

        if (a.SpotAccountDeletedAt is not null || a.SpotAccountId is null || a.ExternalId is null)
        {
            return new(prepare,
                a.SpotAccountDeletedAt is not null ? "ACTIVE again after its Spot account was deleted"
                : a.SpotAccountCreateStartedAt is { } started ? $"a Spot account create started {started:u} and its outcome is not recorded"
                : "ACTIVE without a Spot account or an external id");
        }

        if (!management && a.StackSet is null)
        {
            return new(Deploy, "prepared, not in a StackSet yet");
        }

        if (!unrecorded && (management ? state.Deployed?.ManagementAccount is null : deployedIn != a.StackSet))
        {
            return new(Deploy, management ? "the management account's role is not deployed yet" : $"placed in {a.StackSet}, not deployed there yet");
        }

        var expected = state.Deployed?.Role is { } role ? OrgRegistrar.RoleArn(state.Partition, a.AwsAccountId, role.Name, role.Path) : null;
        if (a.RegisteredAt is null)
        {
            return new(Register, a.RoleArn is not null && expected is not null && a.RoleArn != expected
                ? "the role was replaced: Spot holds the old ARN"
                : "deployed, Spot does not have the role yet");
        }

        return null;
    }
}
