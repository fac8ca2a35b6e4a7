using System.Text.Json.Nodes;

namespace SpotConnect.Policies;

/// <summary>One customer managed policy of a plan: its name, the bundles it holds and its statements.</summary>
/// <param name="Name">The IAM policy name (<c>Spot-Policy</c>, <c>Spot-Policy-2</c>, …).</param>
/// <param name="BundleIds">The bundles whose statements it holds, in canonical order.</param>
/// <param name="Statements">The statements, in canonical order.</param>
public sealed record ManagedPolicySpec(string Name, IReadOnlyList<string> BundleIds, IReadOnlyList<PolicyStatementSpec> Statements)
{
    /// <summary>The policy document as IAM will store it in <paramref name="partition"/>.</summary>
    public JsonObject Document(SpotPartition partition) =>
        PolicyJson.Document(Statements.Select(s => (JsonNode)s.ToJson(partition)));

    /// <summary>The document's size as IAM counts it, for the longest partition name.</summary>
    public int Size => PolicyJson.CountCharacters(Document(SpotPartition.Longest));
}
