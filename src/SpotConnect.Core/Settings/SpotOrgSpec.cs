using System.Globalization;
using System.Text.RegularExpressions;
using SpotConnect.Org;
using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>
/// An organization rollout that passed every rule: defaults applied, the state read and checked, every deployable
/// account placed in a StackSet (in memory: the state file is never written here) and every CloudFormation limit
/// kept. Only <see cref="Resolve"/> makes one. SpotOrgStack is built from it.
/// </summary>
public sealed partial record SpotOrgSpec
{
    private SpotOrgSpec()
    {
    }

    /// <summary>The state, with every deployable account assigned to a StackSet (see <see cref="OrgStackSetPlanner.Assign"/>).</summary>
    public required OrgState State { get; init; }

    /// <summary>The region of the stack instances.</summary>
    public required string Region { get; init; }

    /// <summary><c>SELF</c> or <c>DELEGATED_ADMIN</c>.</summary>
    public required string CallAs { get; init; }

    /// <summary>The failure tolerance, in percent.</summary>
    public required int FailureTolerance { get; init; }

    /// <summary>Whether the admin account is bootstrapped (member templates over 51,200 bytes may then go to S3).</summary>
    public required bool Bootstrapped { get; init; }

    /// <summary>The role and policies every account gets (no external id: each account's comes from the state).</summary>
    public required SpotLinkSpec Link { get; init; }

    /// <summary>How many accounts one StackSet holds.</summary>
    public required OrgCapacity Capacity { get; init; }

    /// <summary>The StackSets, in the state's order, each with its accounts sorted by account id.</summary>
    public required IReadOnlyList<SpotOrgStackSet> StackSets { get; init; }

    /// <summary>The management account, when SpotOrgStack holds its role itself (<c>SELF</c> and an external id in the state).</summary>
    public OrgAccount? ManagementAccount { get; init; }

    /// <summary>Applies defaults, reads the state and checks every rule and limit; throws once with every problem found.</summary>
    /// <param name="options">The org options as given.</param>
    /// <param name="link">The role and policies, checked already (its external id, if any, is not used).</param>
    /// <param name="bootstrapped">Whether the admin account is bootstrapped.</param>
    /// <param name="names">How messages name the settings.</param>
    /// <exception cref="SpotConnectValidationException">An option, the state or a limit is violated.</exception>
    public static SpotOrgSpec Resolve(SpotOrgOptions options, SpotLinkSpec link, bool bootstrapped, FieldNames names)
    {
        var problems = new List<ValidationProblem>();
        return TryResolve(options, link, bootstrapped, names, problems) ?? throw new SpotConnectValidationException(problems);
    }

    /// <summary>As <see cref="Resolve"/>, adding each problem to <paramref name="problems"/>; <paramref name="link"/> may be <see langword="null"/> when it failed (only the org's own rules are checked then).</summary>
    /// <returns>The spec, or <see langword="null"/> when a problem was found.</returns>
    public static SpotOrgSpec? TryResolve(SpotOrgOptions options, SpotLinkSpec? link, bool bootstrapped, FieldNames names, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var stateField = names.Of(SpotSettings.OrgStateFile);
        var partition = link?.Partition ?? Policies.SpotPartition.Aws;

        var stateProblems = new List<ValidationProblem>();
        var state = options.State ?? Load(options.OrgStateFile, stateField, stateProblems);

        // The region and the caller the StackSets were deployed with are recorded in the state: later runs default to
        // them, and a different region is refused (it would delete every member account's role and recreate it).
        var region = options.OrgRegion ?? state?.Region ?? OrgRegions.DefaultOf(partition);
        if (!OrgRegions.Of(partition).Contains(region, StringComparer.Ordinal))
        {
            problems.Add(new(names.Of(SpotSettings.OrgRegion), region, $"not a region of partition '{partition.Name}' ({partition.Description}).", OrgRegions.Of(partition)));
        }
        else if (state?.Region is { } deployed && deployed != region)
        {
            problems.Add(new(names.Of(SpotSettings.OrgRegion), region,
                $"the StackSets' instances are in {deployed}: another region would make CloudFormation delete every member account's role there and create it again in {region} (IAM is global; both cannot exist at once). To move deliberately, change region in the state file (a reviewed change), then deploy.",
                [deployed]));
        }

        var callAs = options.OrgCallAs ?? state?.CallAs ?? SpotSettings.CallAsSelf;
        var tolerance = options.OrgFailureTolerance ?? SpotSettings.DefaultOrgFailureTolerance;
        foreach (var problem in new[]
                 {
                     SpotSettings.OrgCallAs.Check(callAs, names.Of(SpotSettings.OrgCallAs)),
                     SpotSettings.OrgFailureTolerance.Check(tolerance, names.Of(SpotSettings.OrgFailureTolerance)),
                 }.OfType<ValidationProblem>())
        {
            problems.Add(problem);
        }

        foreach (var problem in stateProblems)
        {
            problems.Add(problem); // after the settings' own problems, in the settings' order
        }

        if (state is not null)
        {
            CheckState(state, partition, stateField, names, problems);
        }

        if (problems.Count > before || state is null || link is null)
        {
            return null;
        }

        var capacity = SpotOrgCapacity.For(state, link, bootstrapped);
        if (capacity.Accounts < 1)
        {
            problems.Add(new(stateField, Describe(options, state),
                $"the member template for this selection is about {capacity.BaseBytes:N0} bytes, which leaves no room for one account's mapping entry ({capacity.BytesPerAccount} bytes) within {capacity.LimitBytes:N0} bytes." +
                (bootstrapped ? string.Empty : $" Bootstrap the admin account and set {names.Of(SpotSettings.Bootstrapped)}=true (member templates then go to S3, up to {OrgLimits.TemplateUrlBytes:N0} bytes).")));
            return null;
        }

        var assigned = OrgStackSetPlanner.Assign(state, capacity.Accounts);
        var stackSets = assigned.StackSets
            .Select(s => new SpotOrgStackSet(s.Name, assigned.Accounts
                .Where(a => a.StackSet == s.Name && a.ExternalId is not null && a.AwsAccountId != assigned.ManagementAccountId)
                .OrderBy(a => a.AwsAccountId, StringComparer.Ordinal)
                .ToArray()))
            .Where(s => s.Accounts.Count > 0)
            .ToArray();
        var management = callAs == SpotSettings.CallAsSelf
            ? assigned.Accounts.FirstOrDefault(a => a.AwsAccountId == assigned.ManagementAccountId && a.ExternalId is not null)
            : null;
        var spec = new SpotOrgSpec
        {
            State = assigned,
            Region = region,
            CallAs = callAs,
            FailureTolerance = tolerance,
            Bootstrapped = bootstrapped,
            Link = link with { ExternalId = null },
            Capacity = capacity,
            StackSets = stackSets,
            ManagementAccount = management,
        };
        CheckLimits(spec, Describe(options, state), stateField, names, problems);
        return problems.Count > before ? null : spec;
    }

    /// <summary>The most StackSets one SpotOrgStack can hold: 1,000 per administrator account, and two outputs each within 200 outputs per template (one is <c>SpotRoleArn</c>).</summary>
    public static int MaxStackSets { get; } = Math.Min(OrgLimits.StackSetsPerAdministrator, (OrgLimits.OutputsPerTemplate - 1) / 2);

    /// <summary>
    /// An upper bound of SpotOrgStack's own template, in bytes of compact JSON: the management account's role and
    /// policies, and per StackSet its resource, outputs, account list and (inline) member template as an escaped string.
    /// </summary>
    public long EstimatedStackBytes
    {
        get
        {
            var (structure, items, strings) = Sizes();
            return structure + (items * AccountListEntryBytes) + strings;
        }
    }

    /// <summary>
    /// An upper bound of SpotOrgStack's template as the AWS CDK CLI measures it (the YAML it sends inline up to 51,200
    /// bytes, or uploads): the structure at <see cref="OrgLimits.CdkCliYamlExpansion"/>, each account-list item as the
    /// YAML line it becomes (<c>              - "123456789012"</c>), and each inline member template as the
    /// double-quoted scalar it stays (the same escapes as JSON).
    /// </summary>
    public long CdkCliStackBytes
    {
        get
        {
            var (structure, items, strings) = Sizes();
            return OrgLimits.CdkCliTemplateSize(structure) + (items * AccountListYamlEntryBytes) + strings;
        }
    }

    /// <summary>SpotOrgStack's template in three parts (compact JSON): its structure, the account-list items, and the inline member templates as escaped strings; each member template measured once.</summary>
    private (long Structure, long AccountListItems, long MemberStrings) Sizes()
    {
        long structure = OrgStackFixedBytes + (ManagementAccount is null ? 0 : SpotOrgCapacity.BaseBytes(Link) + OrgTemplateSize.NagMetadataBytes(Link.Plan));
        long items = 0, strings = 0;
        foreach (var stackSet in StackSets)
        {
            var member = EstimatedMemberBytes(stackSet);
            var inline = member <= OrgLimits.InlineTemplateBytes;
            structure += OrgStackSetFixedBytes + (stackSet.Name.Length * 6) + State.TargetOus.Sum(ou => ou.Length + 3) + (inline ? 0 : OrgTemplateUrlBytes);
            items += stackSet.Accounts.Count;

            // As a JSON string: the base grows by its escapes (about 15%), each mapping entry by its six escaped quotes.
            strings += inline ? (long)(Capacity.BaseBytes * 1.15) + (member - Capacity.BaseBytes) + (6L * stackSet.Accounts.Count) : 0;
        }

        return (structure, items, strings);
    }

    /// <summary>An upper bound of <paramref name="stackSet"/>'s member template, in bytes.</summary>
    public int EstimatedMemberBytes(SpotOrgStackSet stackSet)
    {
        ArgumentNullException.ThrowIfNull(stackSet);
        return Capacity.BaseBytes + stackSet.Accounts.Sum(a => OrgTemplateSize.EntryBytes(a.AwsAccountId, a.ExternalId!));
    }

    // SpotOrgStack's own template around the StackSets, and each StackSet's resource and outputs, measured on
    // aws-cdk-lib 2.160 and rounded up (the CDK tests check the estimate is never below the real size).
    private const int OrgStackFixedBytes = 1_500;
    private const int OrgStackSetFixedBytes = 1_600;
    private const int OrgTemplateUrlBytes = 400;
    private const int AccountListEntryBytes = 15;
    private const int AccountListYamlEntryBytes = 32;


    private static void CheckLimits(SpotOrgSpec spec, string? value, string field, FieldNames names, ICollection<ValidationProblem> problems)
    {
        var accounts = spec.StackSets.Sum(s => s.Accounts.Count);
        if (spec.State.StackSets.Count > MaxStackSets)
        {
            problems.Add(new(field, value,
                $"{accounts:N0} accounts need {spec.State.StackSets.Count} StackSets of at most {spec.Capacity.Accounts:N0} accounts, more than the {MaxStackSets} one SpotOrgStack can hold " +
                $"(two outputs each within CloudFormation's {OrgLimits.OutputsPerTemplate} outputs per template; {OrgLimits.StackSetsPerAdministrator:N0} StackSets per administrator account)." +
                (spec.Bootstrapped ? " Split the organization into several states (target OUs) and stacks." : $" Bootstrap the admin account and set {names.Of(SpotSettings.Bootstrapped)}=true: member templates then go to S3 and hold about ten times as many accounts.")));
        }

        // SpotOrgStack's own template is deployed by the CDK CLI, which measures (and uploads) it as YAML.
        var estimate = spec.CdkCliStackBytes;
        var limit = spec.Bootstrapped ? OrgLimits.StackTemplateUrlBytes : OrgLimits.InlineTemplateBytes;
        if (estimate > limit)
        {
            problems.Add(new(field, value,
                $"SpotOrgStack for {accounts:N0} accounts in {spec.StackSets.Count} StackSet(s) would be about {estimate:N0} bytes, over the {limit:N0} bytes CloudFormation accepts " +
                (spec.Bootstrapped
                    ? "for a stack template in S3. Split the organization into several states (target OUs) and stacks."
                    : $"inline from an account that is not bootstrapped. Run `cdk bootstrap` in the admin account and set {names.Of(SpotSettings.Bootstrapped)}=true (member templates then go to S3, up to {OrgLimits.TemplateUrlBytes:N0} bytes each).")));
        }
    }

    private static OrgState? Load(string? path, string field, List<ValidationProblem> problems)
    {
        if (path is null)
        {
            problems.Add(new(field, null, "required: the org state file written by `spot-connect org prepare`."));
            return null;
        }

        try
        {
            var state = OrgStateStore.Load(path, field);
            if (state is null)
            {
                problems.Add(new(field, path, $"no such file (full path {Path.GetFullPath(path)}). Run `spot-connect org prepare` first, or give the path of its state file."));
            }

            return state;
        }
        catch (SpotConnectValidationException e)
        {
            foreach (var problem in e.Problems)
            {
                problems.Add(problem);
            }

            return null;
        }
    }

    private static void CheckState(OrgState state, Policies.SpotPartition partition, string field, FieldNames names, ICollection<ValidationProblem> problems)
    {
        void Add(string rule) => problems.Add(new(field, null, rule));

        if (state.Version != OrgState.CurrentVersion)
        {
            Add($"the state file has format version {state.Version.ToString(CultureInfo.InvariantCulture)}; this SpotConnect reads version {OrgState.CurrentVersion}.");
        }

        if (state.Partition != partition.Name)
        {
            Add($"the state is for partition '{state.Partition}', but the stack is synthesized for '{partition.Name}' ({names.Of(SpotSettings.Partition)}).");
        }

        if (InputRules.AccountId("ManagementAccountId", state.ManagementAccountId) is not null)
        {
            Add($"ManagementAccountId '{state.ManagementAccountId}' is not an AWS account id (12 digits).");
        }

        if (state.TargetOus.Count == 0)
        {
            Add("TargetOus is empty: a service-managed StackSet deploys to organizational units (ou-…) or the root (r-…).");
        }

        foreach (var ou in state.TargetOus.Where(ou => !OrganizationTarget().IsMatch(ou)))
        {
            Add($"TargetOus: '{ou}' is not an organizational unit id (ou-…) or a root id (r-…).");
        }

        foreach (var account in state.Accounts)
        {
            if (InputRules.AccountId("AwsAccountId", account.AwsAccountId) is not null)
            {
                Add($"Accounts: '{account.AwsAccountId}' is not an AWS account id (12 digits).");
            }
            else if (account.ExternalId is { } id && InputRules.ExternalId($"the external id of account {account.AwsAccountId}", id) is { } problem)
            {
                Add(problem.Message);
            }
            else if (account.StackSet is not null && account.ExternalId is null)
            {
                Add($"account {account.AwsAccountId} is in StackSet '{account.StackSet}' but has no external id.");
            }
        }

        foreach (var duplicate in state.Accounts.GroupBy(a => a.AwsAccountId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Add($"account {duplicate.Key} appears {duplicate.Count()} times.");
        }

        foreach (var stackSet in state.StackSets.Where(s => s.Name.Length > OrgLimits.StackSetNameMaxLength || !StackSetName().IsMatch(s.Name)))
        {
            Add($"StackSets: '{stackSet.Name}' is not a StackSet name (a letter, then letters, digits and hyphens, at most {OrgLimits.StackSetNameMaxLength}).");
        }

        foreach (var unknown in state.Accounts.Where(a => a.StackSet is not null && state.StackSets.All(s => s.Name != a.StackSet)).Select(a => a.StackSet!).Distinct())
        {
            Add($"accounts are assigned to StackSet '{unknown}', which the state's StackSets do not list.");
        }
    }

    private static string? Describe(SpotOrgOptions options, OrgState state) =>
        options.OrgStateFile ?? $"state of organization {state.ManagementAccountId}";

    [GeneratedRegex("^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$")]
    private static partial Regex OrganizationTarget();

    [GeneratedRegex("^[a-zA-Z][-a-zA-Z0-9]*$")]
    private static partial Regex StackSetName();
}
