using System.Text.Json.Nodes;
using SpotConnect.Selection;

namespace SpotConnect.Policies;

/// <summary>
/// What a selection turns into: the customer managed policies to create, in order, and the AWS managed
/// policies to attach. The single source of truth for both SpotLinkStack and the CLI's "View JSON".
/// </summary>
public sealed record PolicyPlan
{
    /// <summary>The selection the plan was built from.</summary>
    public required BundleSelection Selection { get; init; }

    /// <summary>The customer managed policies, in order; the first is named after the policy name.</summary>
    public required IReadOnlyList<ManagedPolicySpec> Policies { get; init; }

    /// <summary>Names of AWS managed policies to attach (e.g. <c>SecurityAudit</c>).</summary>
    public required IReadOnlyList<string> AwsManagedPolicies { get; init; }

    /// <summary>All statements of all policies, in order.</summary>
    public IEnumerable<PolicyStatementSpec> Statements => Policies.SelectMany(p => p.Statements);

    /// <summary>Managed policies the role will have attached, AWS managed ones included.</summary>
    public int AttachedPolicyCount => Policies.Count + AwsManagedPolicies.Count;

    /// <summary>
    /// The customer managed policies as "View JSON" shows them:
    /// <c>[{"name": …, "document": {…}}, …]</c>, ARNs resolved for <paramref name="partition"/>.
    /// </summary>
    public JsonArray ToJson(SpotPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return new JsonArray(Policies.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["document"] = p.Document(partition),
        }).ToArray());
    }

    /// <summary>The ARN of an AWS managed policy in <paramref name="partition"/>.</summary>
    public static string AwsManagedPolicyArn(SpotPartition partition, string name)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return $"arn:{partition.Name}:iam::aws:policy/{name}";
    }
}
