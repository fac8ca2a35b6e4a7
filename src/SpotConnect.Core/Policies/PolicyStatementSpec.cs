using System.Text.Json.Nodes;

namespace SpotConnect.Policies;

/// <summary>
/// A statement as it goes into a managed policy: Spot's <c>Sid</c>, the actions left after
/// de-duplication, and the resources (ARN templates with <c>${AWS::Partition}</c>).
/// </summary>
/// <param name="Sid">Spot's statement id.</param>
/// <param name="Actions">The actions, in Spot's order.</param>
/// <param name="Resources">The resource ARN templates.</param>
public sealed record PolicyStatementSpec(string Sid, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    /// <summary>
    /// The statement as IAM will store it for <paramref name="partition"/>, in the shape aws-cdk-lib renders
    /// (keys <c>Action</c>, <c>Effect</c>, <c>Resource</c>, <c>Sid</c>; a single value is a string, not a list).
    /// </summary>
    public JsonObject ToJson(SpotPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return new JsonObject
        {
            ["Action"] = ValueOrList(Actions),
            ["Effect"] = "Allow",
            ["Resource"] = ValueOrList(Resources.Select(partition.Resolve).ToArray()),
            ["Sid"] = Sid,
        };
    }

    /// <summary>Characters the statement takes in a policy, as IAM counts them, for the longest partition name.</summary>
    public int Size => PolicyJson.CountCharacters(ToJson(SpotPartition.Longest));

    private static JsonNode ValueOrList(IReadOnlyList<string> values) =>
        values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
