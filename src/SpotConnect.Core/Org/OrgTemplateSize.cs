using System.Text;
using System.Text.Json.Nodes;
using SpotConnect.Policies;

namespace SpotConnect.Org;

/// <summary>
/// The size model of the organization rollout, in one place: the member template a StackSet deploys (in bytes of
/// compact JSON) and SpotOrgStack's own template (<see cref="OrgStack"/>). The member template is: SpotLinkStack's role,
/// policies, partition rule and outputs, its external id read with <c>Fn::FindInMap</c> from a <c>Mappings</c>
/// table with one entry per account. Plain C# (no CDK), so the CLI's <c>org deploy</c> and <c>SpotOrgStack</c>
/// compute the same StackSet capacity.
/// </summary>
/// <remarks>
/// The policy documents are measured as IAM stores them, with each partition reference counted in the shape
/// aws-cdk-lib renders it (<c>Fn::Join</c>); everything else (resource wrappers, the role, the rule, the outputs) is a constant measured on
/// aws-cdk-lib 2.160's output and rounded up. The CDK tests check the model against synthesized member
/// templates: it never counts fewer bytes than the real template, and at most <see cref="Slack"/> more.
/// </remarks>
internal static class OrgTemplateSize
{
    /// <summary>The most the model may overcount a real member template, in bytes (checked by the tests).</summary>
    public const int Slack = 1_024;

    // Measured on aws-cdk-lib 2.160 (see the remarks), rounded up.
    private const int FixedBytes = 1_560;
    private const int PerPolicyBytes = 420;
    private const int PerAwsManagedPolicyBytes = 100;

    // {"Fn::Join":["",["A",{"Ref":"AWS::Partition"},"B"]]} against "Aaws-us-govB".
    private const int PartitionReferenceBytes = 38;

    // The length of the external ids Spot's console issues (spot-api.md): the entry size before any id is known.
    private const int TypicalExternalIdLength = 44;

    /// <summary>The share of a member template's size limit kept free when StackSets are filled: one tenth.</summary>
    public const int HeadroomDivisor = 10;

    /// <summary>
    /// The bytes of <paramref name="limit"/> kept free in every StackSet's member template. Accounts never move between
    /// StackSets, so a full StackSet must still fit when its role and policies grow later (more bundles, regions,
    /// extra grants, tags): a tenth of the limit absorbs such changes; beyond it, synthesis stops and says why.
    /// </summary>
    public static int HeadroomBytes(int limit) => limit / HeadroomDivisor;

    /// <summary>The bytes one account's mapping entry adds: <c>"123456789012":{"ExternalId":"…"}</c> and its separating comma.</summary>
    public static int EntryBytes(string accountId, string externalId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(externalId);
        var entry = new JsonObject { [accountId] = new JsonObject { [OrgLimits.MappingAttribute] = externalId } };
        return Encoding.UTF8.GetByteCount(PolicyJson.ToCompactString(entry)) - 2 + 1;
    }

    /// <summary>
    /// The member template's bytes without mapping entries (an upper bound, see the remarks), for the role and
    /// policies of <paramref name="plan"/>.
    /// </summary>
    /// <param name="plan">The policies the member template creates.</param>
    /// <param name="roleName">The role name.</param>
    /// <param name="principalAccountId">The Spot account the role trusts.</param>
    /// <param name="roleExtraBytes">What the role carries beyond its name and trust (tags, a permissions boundary): <see cref="RoleExtraBytes"/>.</param>
    public static int BaseBytes(PolicyPlan plan, string roleName, string principalAccountId, int roleExtraBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(roleName);
        ArgumentNullException.ThrowIfNull(principalAccountId);
        var documents = plan.Policies.Sum(p =>
            CdkDocumentBytes(p) + PerPolicyBytes + 2 * Encoding.UTF8.GetByteCount(p.Name));
        var awsManaged = plan.AwsManagedPolicies.Sum(name => PerAwsManagedPolicyBytes + Encoding.UTF8.GetByteCount(name));
        return FixedBytes + 2 * Encoding.UTF8.GetByteCount(roleName) + principalAccountId.Length + documents + awsManaged + roleExtraBytes;
    }

    /// <summary>
    /// An upper bound of the bytes a role's tags (<c>{"Key":…,"Value":…}</c> each, plus the <c>Tags</c> list) and its
    /// permissions boundary (a name is rendered as an <c>Fn::Join</c> with the partition and account) and a path other than <c>/</c> add.
    /// </summary>
    public static int RoleExtraBytes(IReadOnlyDictionary<string, string> tags, string? permissionsBoundary, string rolePath = "/")
    {
        ArgumentNullException.ThrowIfNull(rolePath);
        ArgumentNullException.ThrowIfNull(tags);
        var tagBytes = tags.Count == 0 ? 0 : 10 + tags.Sum(t => 24 + Encoding.UTF8.GetByteCount(t.Key) + Encoding.UTF8.GetByteCount(t.Value));
        var boundaryBytes = permissionsBoundary is null ? 0 : 140 + Encoding.UTF8.GetByteCount(permissionsBoundary);
        var pathBytes = rolePath == "/" ? 0 : 10 + Encoding.UTF8.GetByteCount(rolePath);
        return tagBytes + boundaryBytes + pathBytes;
    }

    /// <summary>
    /// An upper bound of the cdk-nag suppression metadata SpotLink puts on its policies and role (a reason of at most
    /// 600 bytes per entry, up to three entries per policy and one on the role, and every wildcard finding named), for
    /// a template that keeps it (SpotOrgStack's own copy of the management account's role; member templates drop it).
    /// </summary>
    public static int NagMetadataBytes(PolicyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        const int Entry = 600 + 60;
        var findings = plan.Policies.Sum(p => p.Statements
            .SelectMany(s => s.Actions.Concat(s.Resources).Where(v => v.Contains('*', StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .Sum(v => Encoding.UTF8.GetByteCount(v) + 16));
        return plan.Policies.Count * (40 + (3 * Entry)) + findings + (plan.AwsManagedPolicies.Count > 0 ? Entry + 100 : 0);
    }

    /// <summary>
    /// How many accounts fit in one StackSet's member template: (<paramref name="bootstrapped"/> ? 460,800 : 51,200
    /// bytes − <see cref="HeadroomBytes"/> − <see cref="BaseBytes"/>) ÷ the largest <see cref="EntryBytes"/> of the state's accounts (their real
    /// external ids; a 44-character id when none has one yet), at most 100,000 instances. Deterministic.
    /// </summary>
    /// <param name="state">The organization state (its external ids' lengths count).</param>
    /// <param name="plan">The policies the member template creates.</param>
    /// <param name="roleName">The role name.</param>
    /// <param name="principalAccountId">The Spot account the role trusts.</param>
    /// <param name="bootstrapped">Whether the admin account is bootstrapped, so member templates may go to S3 (<c>TemplateURL</c>).</param>
    /// <param name="roleExtraBytes">See <see cref="RoleExtraBytes"/>.</param>
    public static OrgCapacity Capacity(OrgState state, PolicyPlan plan, string roleName, string principalAccountId, bool bootstrapped, int roleExtraBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(state);
        var limit = bootstrapped ? OrgLimits.TemplateUrlBytes : OrgLimits.InlineTemplateBytes;
        var baseBytes = BaseBytes(plan, roleName, principalAccountId, roleExtraBytes);
        var perAccount = state.Accounts
            .Where(a => a.ExternalId is not null)
            .Select(a => EntryBytes(a.AwsAccountId, a.ExternalId!))
            .DefaultIfEmpty(EntryBytes("000000000000", new string('x', TypicalExternalIdLength)))
            .Max();
        var accounts = Math.Clamp((limit - HeadroomBytes(limit) - baseBytes) / perAccount, 0, OrgLimits.InstancesPerStackSet);
        return new OrgCapacity(accounts, limit, baseBytes, perAccount);
    }

    /// <summary>An upper bound of <paramref name="stackSet"/>'s member template, in bytes: the base and one mapping entry per account.</summary>
    public static int MemberBytes(OrgCapacity capacity, OrgStackSet stackSet)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(stackSet);
        return capacity.BaseBytes + stackSet.Accounts.Sum(a => EntryBytes(a.AwsAccountId, a.ExternalId!));
    }

    /// <summary>The most StackSets one SpotOrgStack can hold: 1,000 per administrator account, and two outputs each within 200 outputs per template (one is <c>SpotRoleArn</c>).</summary>
    public static int MaxStackSets { get; } = Math.Min(OrgLimits.StackSetsPerAdministrator, (OrgLimits.OutputsPerTemplate - 1) / 2);

    /// <summary>
    /// An upper bound of SpotOrgStack's own template: the management account's role and policies
    /// (<paramref name="managementBytes"/>, 0 without), and per StackSet its resource, outputs, account list and (when
    /// its member template fits inline) the member template as an escaped string; each member template measured once.
    /// </summary>
    /// <param name="stackSets">The StackSets with their accounts.</param>
    /// <param name="targetOus">The target OUs every StackSet lists.</param>
    /// <param name="capacity">The member templates' capacity (their base size).</param>
    /// <param name="managementBytes">The management account's role and policies as SpotOrgStack holds them (cdk-nag metadata included).</param>
    public static OrgStackBytes OrgStack(IReadOnlyList<OrgStackSet> stackSets, IReadOnlyList<string> targetOus, OrgCapacity capacity, int managementBytes)
    {
        ArgumentNullException.ThrowIfNull(stackSets);
        ArgumentNullException.ThrowIfNull(targetOus);
        ArgumentNullException.ThrowIfNull(capacity);
        long structure = OrgStackFixedBytes + managementBytes;
        long items = 0, strings = 0;
        foreach (var stackSet in stackSets)
        {
            var member = MemberBytes(capacity, stackSet);
            var inline = member <= OrgLimits.InlineTemplateBytes;
            structure += OrgStackSetFixedBytes + (stackSet.Name.Length * 6) + targetOus.Sum(ou => ou.Length + 3) + (inline ? 0 : OrgTemplateUrlBytes);
            items += stackSet.Accounts.Count;

            // As a JSON string: the base grows by its escapes (about 15%), each mapping entry by its six escaped quotes.
            strings += inline ? (long)(capacity.BaseBytes * 1.15) + (member - capacity.BaseBytes) + (6L * stackSet.Accounts.Count) : 0;
        }

        return new OrgStackBytes(
            structure + (items * AccountListEntryBytes) + strings,
            OrgLimits.CdkCliTemplateSize(structure) + (items * AccountListYamlEntryBytes) + strings);
    }

    // SpotOrgStack's own template around the StackSets, and each StackSet's resource and outputs, measured on
    // aws-cdk-lib 2.160 and rounded up (the CDK tests check the estimate is never below the real size). An account-list
    // item is "123456789012", in JSON, and the YAML line it becomes (`              - "123456789012"`) for the CDK CLI.
    private const int OrgStackFixedBytes = 1_500;
    private const int OrgStackSetFixedBytes = 1_600;
    private const int OrgTemplateUrlBytes = 400;
    private const int AccountListEntryBytes = 15;
    private const int AccountListYamlEntryBytes = 32;

    /// <summary>
    /// The policy document's bytes as aws-cdk-lib renders it into a template: the document as IAM stores it for the
    /// longest partition name, each partition reference then taking <c>{"Fn::Join":["",["…",{"Ref":"AWS::Partition"},"…"]]}</c>
    /// (38 bytes more than <c>aws-us-gov</c> in a string; fewer for a second reference in the same string).
    /// Whatever the statements hold (conditions included) is counted, as <see cref="ManagedPolicySpec.Document"/> renders it.
    /// </summary>
    private static int CdkDocumentBytes(ManagedPolicySpec policy)
    {
        var json = PolicyJson.ToCompactString(policy.Document(SpotPartition.Longest));
        var references = 0;
        for (var i = json.IndexOf(SpotPartition.Longest.Name, StringComparison.Ordinal); i >= 0; i = json.IndexOf(SpotPartition.Longest.Name, i + 1, StringComparison.Ordinal))
        {
            references++;
        }

        return Encoding.UTF8.GetByteCount(json) + (references * PartitionReferenceBytes);
    }
}
