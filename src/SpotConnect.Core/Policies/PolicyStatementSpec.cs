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
    /// <summary>The statement's conditions (all must hold); none for Spot's published statements.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; init; } = [];

    /// <summary>
    /// The statement as IAM will store it for <paramref name="partition"/>, in the shape aws-cdk-lib renders
    /// (keys <c>Action</c>, <c>Condition</c>, <c>Effect</c>, <c>Resource</c>, <c>Sid</c>; a single value is a string, not a list).
    /// </summary>
    public JsonObject ToJson(SpotPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var json = new JsonObject { ["Action"] = ValueOrList(Actions) };
        if (Conditions.Count > 0)
        {
            json["Condition"] = ConditionJson();
        }

        json["Effect"] = "Allow";
        json["Resource"] = ValueOrList(Resources.Select(partition.Resolve).ToArray());
        json["Sid"] = Sid;
        return json;
    }

    /// <summary>The <c>Condition</c> block: operators in order of first use, each with its keys.</summary>
    public JsonObject ConditionJson() => new(Conditions
        .GroupBy(c => c.Operator, StringComparer.Ordinal)
        .Select(g => KeyValuePair.Create<string, JsonNode?>(g.Key, new JsonObject(g.Select(c => KeyValuePair.Create<string, JsonNode?>(c.Key, ValueOrList(c.Values)))))));

    /// <summary>Characters the statement takes in a policy, as IAM counts them, for the longest partition name.</summary>
    public int Size => PolicyJson.CountCharacters(ToJson(SpotPartition.Longest));

    private static JsonNode ValueOrList(IReadOnlyList<string> values) =>
        values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
