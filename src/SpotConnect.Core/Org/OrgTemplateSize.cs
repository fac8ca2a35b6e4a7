using System.Text;
using System.Text.Json.Nodes;
using SpotConnect.Catalog;
using SpotConnect.Policies;

namespace SpotConnect.Org;

/// <summary>
/// The size, in bytes of compact JSON, of the member template a StackSet deploys: SpotLinkStack's role,
/// policies, partition rule and outputs, its external id read with <c>Fn::FindInMap</c> from a <c>Mappings</c>
/// table with one entry per account. Plain C# (no CDK), so the CLI's <c>org deploy</c> and <c>SpotOrgStack</c>
/// compute the same StackSet capacity.
/// </summary>
/// <remarks>
/// The policy documents are measured exactly in the shape aws-cdk-lib renders them (partition ARNs as
/// <c>Fn::Join</c>); everything else (resource wrappers, the role, the rule, the outputs) is a constant measured on
/// aws-cdk-lib 2.160's output and rounded up. The CDK tests check the model against synthesized member
/// templates: it never counts fewer bytes than the real template, and at most <see cref="Slack"/> more.
/// </remarks>
public static class OrgTemplateSize
{
    /// <summary>The most the model may overcount a real member template, in bytes (checked by the tests).</summary>
    public const int Slack = 1_024;

    // Measured on aws-cdk-lib 2.160 (see the remarks), rounded up.
    private const int FixedBytes = 1_560;
    private const int PerPolicyBytes = 420;
    private const int PerAwsManagedPolicyBytes = 100;

    // The length of the external ids Spot's console issues (spot-api.md): the entry size before any id is known.
    private const int TypicalExternalIdLength = 44;

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
    public static int BaseBytes(PolicyPlan plan, string roleName, string principalAccountId)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(roleName);
        ArgumentNullException.ThrowIfNull(principalAccountId);
        var documents = plan.Policies.Sum(p =>
            Encoding.UTF8.GetByteCount(PolicyJson.ToCompactString(CdkDocument(p))) + PerPolicyBytes + 2 * Encoding.UTF8.GetByteCount(p.Name));
        var awsManaged = plan.AwsManagedPolicies.Sum(name => PerAwsManagedPolicyBytes + Encoding.UTF8.GetByteCount(name));
        return FixedBytes + 2 * Encoding.UTF8.GetByteCount(roleName) + principalAccountId.Length + documents + awsManaged;
    }

    /// <summary>
    /// How many accounts fit in one StackSet's member template: (<paramref name="bootstrapped"/> ? 460,800 : 51,200
    /// bytes − <see cref="BaseBytes"/>) ÷ the largest <see cref="EntryBytes"/> of the state's accounts (their real
    /// external ids; a 44-character id when none has one yet), at most 100,000 instances. Deterministic.
    /// </summary>
    /// <param name="state">The organization state (its external ids' lengths count).</param>
    /// <param name="plan">The policies the member template creates.</param>
    /// <param name="roleName">The role name.</param>
    /// <param name="principalAccountId">The Spot account the role trusts.</param>
    /// <param name="bootstrapped">Whether the admin account is bootstrapped, so member templates may go to S3 (<c>TemplateURL</c>).</param>
    public static OrgCapacity Capacity(OrgState state, PolicyPlan plan, string roleName, string principalAccountId, bool bootstrapped)
    {
        ArgumentNullException.ThrowIfNull(state);
        var limit = bootstrapped ? OrgLimits.TemplateUrlBytes : OrgLimits.InlineTemplateBytes;
        var baseBytes = BaseBytes(plan, roleName, principalAccountId);
        var perAccount = state.Accounts
            .Where(a => a.ExternalId is not null)
            .Select(a => EntryBytes(a.AwsAccountId, a.ExternalId!))
            .DefaultIfEmpty(EntryBytes("000000000000", new string('x', TypicalExternalIdLength)))
            .Max();
        var accounts = Math.Clamp((limit - baseBytes) / perAccount, 0, OrgLimits.InstancesPerStackSet);
        return new OrgCapacity(accounts, limit, baseBytes, perAccount);
    }

    /// <summary>The policy document as aws-cdk-lib renders it into a template: partition ARNs as <c>Fn::Join</c>.</summary>
    private static JsonObject CdkDocument(ManagedPolicySpec policy) => PolicyJson.Document(policy.Statements.Select(s => (JsonNode)new JsonObject
    {
        ["Action"] = OneOrList(s.Actions.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
        ["Effect"] = "Allow",
        ["Resource"] = OneOrList(s.Resources.Select(CdkString).ToArray()),
        ["Sid"] = s.Sid,
    }));

    private static JsonNode OneOrList(JsonNode[] values) => values.Length == 1 ? values[0] : new JsonArray(values);

    private static JsonNode CdkString(string arnTemplate)
    {
        var parts = arnTemplate.Split(CatalogStatement.PartitionPlaceholder);
        if (parts.Length == 1)
        {
            return JsonValue.Create(arnTemplate);
        }

        var pieces = new JsonArray();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                pieces.Add(new JsonObject { ["Ref"] = "AWS::Partition" });
            }

            if (parts[i].Length > 0)
            {
                pieces.Add(JsonValue.Create(parts[i]));
            }
        }

        return new JsonObject { ["Fn::Join"] = new JsonArray(JsonValue.Create(string.Empty), pieces) };
    }
}
