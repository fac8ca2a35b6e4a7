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

    /// <summary>Whom the StackSets are managed as.</summary>
    public required OrgCallAs CallAs { get; init; }

    /// <summary>The failure tolerance, in percent.</summary>
    public required int FailureTolerance { get; init; }

    /// <summary>Whether the admin account is bootstrapped (member templates over 51,200 bytes may then go to S3).</summary>
    public required bool Bootstrapped { get; init; }

    /// <summary>The role and policies every account gets (no external id: each account's comes from the state).</summary>
    public required SpotLinkSpec Link { get; init; }

    /// <summary>How many accounts one StackSet holds.</summary>
    public required OrgCapacity Capacity { get; init; }

    /// <summary>The StackSets that have accounts, in the state's order, each with its accounts (<see cref="OrgStackSet.Accounts"/>) sorted by account id.</summary>
    public required IReadOnlyList<OrgStackSet> StackSets { get; init; }

    /// <summary>The management account, when SpotOrgStack holds its role itself (<see cref="OrgCallAs.Self"/> and an external id in the state).</summary>
    public OrgAccount? ManagementAccount { get; init; }

    /// <summary>
    /// What this rollout creates, as one text (<c>sha256:…</c>): the member role and policies, every StackSet's accounts with
    /// their external ids, the management account's, the region, the administrator and the failure tolerance (see
    /// <see cref="SpotLinkSpec.Fingerprint"/>).
    /// </summary>
    /// <param name="retained">Whether the StackSets (and the management account's role) are kept when they leave the stack or the stack is deleted.</param>
    public string Fingerprint(bool retained = false) => SpecFingerprint.Of(this, retained);

    /// <summary>
    /// Applies defaults, checks the link, the org options, the state and every CloudFormation limit, once, and places
    /// every deployable account in a StackSet (in memory: nothing is written); throws with every problem found, each
    /// carrying its setting (<see cref="ValidationProblem.SettingKey"/>) for the caller's edge to name.
    /// </summary>
    /// <param name="options">The org options (the state among them).</param>
    /// <param name="link">The role and policies every account gets; an external id is refused (each account's comes from the state).</param>
    /// <param name="bootstrapped">Whether the admin account is bootstrapped.</param>
    /// <param name="isDeployTime">Whether a text value is resolved only at deploy time (a CDK token).</param>
    /// <exception cref="SpotConnectValidationException">An option, the state or a limit is violated.</exception>
    public static SpotOrgSpec Resolve(ISpotOrgOptions options, ISpotRoleOptions link, bool bootstrapped, Func<string, bool>? isDeployTime = null)
    {
        var problems = new List<ValidationProblem>();
        return TryResolve(options, link, bootstrapped, problems, isDeployTime) ?? throw new SpotConnectValidationException(problems);
    }

    /// <summary>The problem with an external id given for a rollout: each account's comes from the org state.</summary>
    public static ValidationProblem ExternalIdProblem(string externalId) =>
        SpotSettings.ExternalId.Problem(externalId, $"not used with {SpotSettings.OrgState.Reference}: each account's external id comes from the org state file.");

    /// <summary>As <see cref="Resolve"/>, adding each problem to <paramref name="problems"/>.</summary>
    /// <returns>The spec, or <see langword="null"/> when a problem was found.</returns>
    public static SpotOrgSpec? TryResolve(ISpotOrgOptions options, ISpotRoleOptions link, bool bootstrapped, ICollection<ValidationProblem> problems, Func<string, bool>? isDeployTime = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        if (link is ISpotLinkOptions { ExternalId: { } externalId })
        {
            problems.Add(ExternalIdProblem(externalId));
        }

        // The link's own rules, without the external id's (refused above whatever its value): each account's comes from the state.
        var linkProblems = new List<ValidationProblem>();
        var linkSpec = SpotLinkSpec.TryResolve(link, linkProblems, isDeployTime) is { } resolved ? resolved with { ExternalId = null } : null;
        foreach (var problem in linkProblems.Where(p => p.SettingKey != SpotSettings.ExternalId.ContextKey))
        {
            problems.Add(problem);
        }

        return TryResolve(options, linkSpec, link.Partition ?? Policies.SpotPartition.Aws, bootstrapped, problems, before);
    }

    /// <summary>
    /// As <see cref="TryResolve(ISpotOrgOptions, ISpotRoleOptions, bool, ICollection{ValidationProblem}, Func{string, bool}?)"/>,
    /// with the role and policies every account gets already resolved (<paramref name="link"/>, for a tool that checked the
    /// options before the state existed): only the rollout's own rules are checked, the link's are not again.
    /// </summary>
    /// <returns>The spec, or <see langword="null"/> when a problem was found.</returns>
    public static SpotOrgSpec? TryResolve(ISpotOrgOptions options, SpotLinkSpec link, bool bootstrapped, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(problems);
        return TryResolve(options, link with { ExternalId = null }, link.Partition, bootstrapped, problems, problems.Count);
    }

    private static SpotOrgSpec? TryResolve(ISpotOrgOptions options, SpotLinkSpec? linkSpec, Policies.SpotPartition partition, bool bootstrapped, ICollection<ValidationProblem> problems, int before)
    {
        var state = options.State;

        // The region and the caller the StackSets were deployed with are recorded in the state: later runs default to
        // them, and a different region is refused (it would delete every member account's role and recreate it).
        var region = options.Region ?? state?.Region ?? OrgRegions.DefaultOf(partition);
        if (!OrgRegions.Of(partition).Contains(region, StringComparer.Ordinal))
        {
            problems.Add(SpotSettings.OrgRegion.Problem(region, $"not a region of partition '{partition.Name}' ({partition.Description}).", OrgRegions.Of(partition)));
        }
        else if (state?.Region is { } deployed && deployed != region)
        {
            problems.Add(SpotSettings.OrgRegion.Problem(region,
                $"the StackSets' instances are in {deployed}: another region would make CloudFormation delete every member account's role there and create it again in {region} (IAM is global; both cannot exist at once). To move deliberately, change region in the state file (a reviewed change), then deploy.",
                [deployed]));
        }

        var callAs = options.CallAs ?? state?.CallAs ?? OrgCallAs.Self;
        if (options.CallAs is { } given && state?.CallAsProblem(given) is { } callAsProblem)
        {
            problems.Add(callAsProblem);
        }

        var tolerance = options.FailureTolerance ?? SpotSettings.DefaultOrgFailureTolerance;
        if (SpotSettings.OrgFailureTolerance.Check(tolerance) is { } toleranceProblem)
        {
            problems.Add(toleranceProblem);
        }

        if (state is null)
        {
            problems.Add(SpotSettings.OrgState.Problem(null, "required: the org state file, which records the organization's accounts and their external ids."));
        }
        else
        {
            CheckState(state, partition, problems);
        }

        if (problems.Count > before || state is null || linkSpec is null)
        {
            return null;
        }

        var capacity = CapacityOf(state, linkSpec, bootstrapped);
        if (capacity.Accounts < 1)
        {
            problems.Add(SpotSettings.OrgState.Problem(Describe(state),
                $"the member template for this selection is about {capacity.BaseBytes:N0} bytes, which leaves no room for one account's mapping entry ({capacity.BytesPerAccount} bytes) within {capacity.LimitBytes:N0} bytes." +
                (bootstrapped ? string.Empty : $" Bootstrap the admin account and set {SpotSettings.Bootstrapped.ReferenceTo("true")} (member templates then go to S3, up to {OrgLimits.TemplateUrlBytes:N0} bytes).")));
            return null;
        }

        var assigned = OrgStackSetPlanner.Assign(state, capacity.Accounts);
        var stackSets = assigned.StackSets
            .Select(s => s with
            {
                Accounts = assigned.Accounts
                    .Where(a => a.StackSet == s.Name && a.ExternalId is not null && a.AwsAccountId != assigned.ManagementAccountId)
                    .OrderBy(a => a.AwsAccountId, StringComparer.Ordinal)
                    .ToArray(),
            })
            .Where(s => s.Accounts.Count > 0)
            .ToArray();
        var management = callAs == OrgCallAs.Self
            ? assigned.Accounts.FirstOrDefault(a => a.AwsAccountId == assigned.ManagementAccountId && a.ExternalId is not null)
            : null;
        var spec = new SpotOrgSpec
        {
            State = assigned,
            Region = region,
            CallAs = callAs,
            FailureTolerance = tolerance,
            Bootstrapped = bootstrapped,
            Link = linkSpec,
            Capacity = capacity,
            StackSets = stackSets,
            ManagementAccount = management,
        };
        CheckLimits(spec, problems);
        return problems.Count > before ? null : spec;
    }

    /// <summary>The most StackSets one SpotOrgStack can hold: 1,000 per administrator account, and two outputs each within 200 outputs per template (one is <c>SpotRoleArn</c>).</summary>
    public static int MaxStackSets => OrgTemplateSize.MaxStackSets;

    /// <summary>An upper bound of SpotOrgStack's own template, in bytes of compact JSON (see <see cref="OrgTemplateSize.OrgStack"/>).</summary>
    public long EstimatedStackBytes => OrgStackSize().CompactJsonBytes;

    /// <summary>An upper bound of SpotOrgStack's template as the AWS CDK CLI measures it (the YAML it sends inline up to 51,200 bytes, or uploads); see <see cref="OrgTemplateSize.OrgStack"/>.</summary>
    public long CdkCliStackBytes => OrgStackSize().CdkCliBytes;

    /// <summary>An upper bound of <paramref name="stackSet"/>'s member template, in bytes.</summary>
    public int EstimatedMemberBytes(OrgStackSet stackSet) => OrgTemplateSize.MemberBytes(Capacity, stackSet);

    /// <summary>
    /// How many accounts one StackSet holds for <paramref name="link"/>'s role and policies: the member template's size
    /// limit (51,200 bytes inline; 460,800 bytes from S3 when <paramref name="bootstrapped"/>) less a tenth and its base
    /// size, divided by the largest mapping entry of <paramref name="state"/>'s external ids (see <see cref="OrgTemplateSize.Capacity"/>).
    /// </summary>
    public static OrgCapacity CapacityOf(OrgState state, SpotLinkSpec link, bool bootstrapped)
    {
        ArgumentNullException.ThrowIfNull(link);
        return OrgTemplateSize.Capacity(state, link.Plan, link.RoleName, link.PrincipalAccountId, bootstrapped, RoleExtraBytes(link));
    }

    /// <summary>An upper bound of the member template's bytes without mapping entries, for <paramref name="link"/> (its tags and boundary included).</summary>
    public static int BaseBytes(SpotLinkSpec link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return OrgTemplateSize.BaseBytes(link.Plan, link.RoleName, link.PrincipalAccountId, RoleExtraBytes(link));
    }

    private OrgStackBytes OrgStackSize() => OrgTemplateSize.OrgStack(
        StackSets, State.TargetOus, Capacity,
        ManagementAccount is null ? 0 : BaseBytes(Link) + OrgTemplateSize.NagMetadataBytes(Link.Plan));

    private static int RoleExtraBytes(SpotLinkSpec link) => OrgTemplateSize.RoleExtraBytes(link.Tags, link.PermissionsBoundary, link.RolePath);

    private static void CheckLimits(SpotOrgSpec spec, ICollection<ValidationProblem> problems)
    {
        var value = Describe(spec.State);
        var accounts = spec.StackSets.Sum(s => s.Accounts.Count);
        var bootstrap = $" Bootstrap the admin account and set {SpotSettings.Bootstrapped.ReferenceTo("true")}";
        if (spec.State.StackSets.Count > MaxStackSets)
        {
            problems.Add(SpotSettings.OrgState.Problem(value,
                $"{accounts:N0} accounts need {spec.State.StackSets.Count} StackSets of at most {spec.Capacity.Accounts:N0} accounts, more than the {MaxStackSets} one SpotOrgStack can hold " +
                $"(two outputs each within CloudFormation's {OrgLimits.OutputsPerTemplate} outputs per template; {OrgLimits.StackSetsPerAdministrator:N0} StackSets per administrator account)." +
                (spec.Bootstrapped ? " Split the organization into several states (target OUs) and stacks." : bootstrap + ": member templates then go to S3 and hold about ten times as many accounts.")));
        }

        // SpotOrgStack's own template is deployed by the CDK CLI, which measures (and uploads) it as YAML.
        var estimate = spec.CdkCliStackBytes;
        var limit = spec.Bootstrapped ? OrgLimits.StackTemplateUrlBytes : OrgLimits.InlineTemplateBytes;
        if (estimate > limit)
        {
            problems.Add(SpotSettings.OrgState.Problem(value,
                $"SpotOrgStack for {accounts:N0} accounts in {spec.StackSets.Count} StackSet(s) would be about {estimate:N0} bytes, over the {limit:N0} bytes CloudFormation accepts " +
                (spec.Bootstrapped
                    ? "for a stack template in S3. Split the organization into several states (target OUs) and stacks."
                    : $"inline from an account that is not bootstrapped. Run `cdk bootstrap` in the admin account and set {SpotSettings.Bootstrapped.ReferenceTo("true")} (member templates then go to S3, up to {OrgLimits.TemplateUrlBytes:N0} bytes each).")));
        }
    }

    private static void CheckState(OrgState state, Policies.SpotPartition partition, ICollection<ValidationProblem> problems)
    {
        void Add(string rule) => problems.Add(SpotSettings.OrgState.Problem(state.SourcePath, rule));

        if (state.Version != OrgState.CurrentVersion)
        {
            Add($"the state file has format version {state.Version.ToString(CultureInfo.InvariantCulture)}; this SpotConnect reads version {OrgState.CurrentVersion}.");
        }

        if (state.Partition != partition.Name)
        {
            Add($"the state is for partition '{state.Partition}', but the stack is synthesized for '{partition.Name}' ({SpotSettings.Partition.Reference}).");
        }

        if (InputRules.AccountId("ManagementAccountId", state.ManagementAccountId) is not null)
        {
            Add($"ManagementAccountId '{state.ManagementAccountId}' is not an AWS account id (12 digits).");
        }

        if (state.TargetOus.Count == 0)
        {
            Add("TargetOus is empty: a service-managed StackSet deploys to organizational units (ou-…) or the root (r-…).");
        }

        foreach (var ou in state.TargetOus.Where(ou => !OrgState.IsTarget(ou)))
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

    private static string Describe(OrgState state) =>
        state.SourcePath ?? $"state of organization {state.ManagementAccountId}";

    [GeneratedRegex("^[a-zA-Z][-a-zA-Z0-9]*$")]
    private static partial Regex StackSetName();
}
